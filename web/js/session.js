// The signed-in user (GET /users/me), asked once per sign-in and shared by the views that
// need it (the admin link, the dashboard's goal, the résumé skills preview).

import { api, getToken } from './api.js';

let current = null;
let known = null; // the last user read, kept past the end of the session (navigate.js keeps typed text for them)

/* The user object; asked again after forget(). */
export function currentUser() {
    if (!getToken()) return Promise.resolve(null);
    if (!current) {
        current = api.get('/users/me').then((me) => {
            known = me;
            return me;
        }, (err) => {
            current = null;
            throw err;
        });
    }
    return current;
}

/* Forgets the cached user (after sign-in, sign-out or a profile change). */
export function forgetUser() {
    current = null;
}

/* Replaces the cached user with a fresh copy the caller already has. */
export function rememberUser(user) {
    current = Promise.resolve(user);
}

/* The id of the last user read in this tab (null before any): whom a draft kept at the end of a
 * session belongs to. */
export function lastUserId() {
    return known ? known.id : null;
}
