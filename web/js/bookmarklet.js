// The bookmarklet that saves the posting a user is looking at (docs/capture-and-discovery.md,
// "The bookmarklet"), and the two messages it exchanges with the capture page (/capture).
//
// The bookmarklet runs on the posting's page, so it sees what the user sees, also behind a
// login. It opens /capture in a small window named copilot_capture (a second click reuses the
// window, which stays signed in while open), waits for that window to say it is ready, and
// sends it the page's address and HTML with postMessage addressed to Career Copilot's origin
// only. Nothing of Career Copilot (no token) ever reaches the posting's page.

export const READY = 'copilot-capture-ready';
export const PAGE = 'copilot-capture-page';

/* The javascript: URL of the bookmarklet for the server at origin. */
export function bookmarkletHref(origin) {
    const code = `(()=>{const o=${JSON.stringify(origin)};`
        + "const w=window.open(o+'/capture','copilot_capture','popup,width=640,height=780');"
        + "if(!w){alert('Career Copilot could not open its window: allow pop-ups for this site and click the bookmark again.');return;}"
        + `const d={type:'${PAGE}',url:location.href,html:document.documentElement.outerHTML};`
        + `addEventListener('message',(e)=>{if(e.source===w&&e.origin===o&&e.data&&e.data.type==='${READY}')w.postMessage(d,o);});`
        + '})();';
    return `javascript:${encodeURIComponent(code)}`;
}
