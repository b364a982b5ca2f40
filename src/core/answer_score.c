/*
 * This file implements the answer scoring of answer_score.h on top of the reading of
 * answer_text.h (sentences, prose or not, phrase matching): key points count only in prose
 * sentences; misconceptions count anywhere unless negated in their clause; structure markers
 * count in prose; then length, specificity, penalties and the feedback that names what to fix.
 * A session's summary is answer_score_session.c's.
 */
#include "answer_score.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answer_text.h"

const char answer_direct_answer_advice[] =
    "Open with the answer itself in one sentence (what it is, or what you would do), then "
    "explain.";

/* ================================================================ matching */

/* Does a phrase of item occur in a sentence of t (a prose one when prose_only)? */
static bool item_in(const struct answer_text *t, const struct rubric_item *item, bool prose_only,
                    bool negation)
{
    for (size_t k = 0; k < t->n; k++) {
        if (prose_only && !t->sent[k].prose)
            continue;
        for (size_t j = 0; j < item->nphrases; j++)
            if (answer_text_has(t, &t->sent[k], item->phrases[j], negation))
                return true;
    }
    return false;
}

/* Does any of the NULL-terminated phrases occur in a prose sentence of t? */
static bool prose_has_any(const struct answer_text *t, const char *const *phrases)
{
    for (size_t k = 0; k < t->n; k++)
        for (const char *const *p = phrases; t->sent[k].prose && *p; p++)
            if (answer_text_has(t, &t->sent[k], *p, false))
                return true;
    return false;
}

/* ================================================================ structure */

struct element {
    const char *name;
    const char *missing; /* the improvement when the answer lacks it */
    const char *const *markers;
};

#define MARKERS(...)                                                                               \
    (const char *const[])                                                                          \
    {                                                                                              \
        __VA_ARGS__, NULL                                                                          \
    }

static const struct element star[4] = {
    {"situation", "Set the scene: briefly describe the situation and its context.",
     MARKERS("situation", "context", "background", "at my previous", "at my last", "when i was",
             "we were", "our team", "the project", "at the time", "last year", "in my role",
             "i was working", "i worked at", "while working", "in my previous", "in my first",
             "at my first", "at my current", "in my current", "in my last", "at a previous",
             "when i joined", "after i joined")},
    {"task", "State the task: what you were responsible for or had to achieve.",
     MARKERS("task", "goal", "my responsib", "i was responsible", "i needed to", "we needed to",
             "i had to", "we had to", "challenge", "objective", "my job was", "my role was",
             "asked to", "the problem was", "aim was", "i was the", "in charge of", "i owned",
             "required", "was supposed to")},
    {"action", "Detail your actions: what you did, step by step, in the first person.",
     MARKERS("i decided", "i implemented", "i built", "i created", "i led", "i organi", "i wrote",
             "i worked with", "i proposed", "i set up", "i talked", "i spoke", "i met",
             "i scheduled", "i analy", "i started", "i took", "i reached out", "i designed",
             "i asked", "i suggested", "i introduced", "i focused", "so i", "i then", "first, i",
             "action", "i made", "i helped", "i changed", "i planned", "i broke", "i told",
             "i also", "i cut", "i split", "i prioriti", "i negotiated", "i explained", "i agreed",
             "i shared", "i tested", "i fixed", "i added", "i reviewed", "i contacted", "i called",
             "i gave", "i moved", "i rewrote", "i escalated", "i raised")},
    {"result", "Share the result: the outcome, ideally measured, and what you learned.",
     MARKERS("result", "outcome", "in the end", "ultimately", "led to", "increas", "reduc",
             "improv", "saved", "deliver", "achiev", "learned", "learnt", "finally", "grew", "cut ",
             "success", "impact", "launched", "on time", "by the end", "has since", "have since",
             "since then", "afterwards")},
};

static const struct element design[4] = {
    {"requirements", "Start with requirements and scale: users, traffic, data volume.",
     MARKERS("requirement", "users", "scale", "traffic", "requests per", "read-heavy",
             "write-heavy", "functional", "qps", "throughput", "latency", "million")},
    {"components", "Name the main components: APIs, services, storage, caches, queues.",
     MARKERS("api", "service", "server", "load balancer", "cache", "queue", "database", "storage",
             "cdn", "worker", "gateway", "client")},
    {"data", "Describe the data model and how it is stored, indexed or partitioned.",
     MARKERS("schema", "table", "index", "shard", "partition", "replica", "replication",
             "key-value", "data model", "primary key", "store the", "stored")},
    {"trade_offs", "Discuss trade-offs, bottlenecks and what happens when parts fail.",
     MARKERS("trade-off", "tradeoff", "trade off", "bottleneck", "consisten", "availab", "failure",
             "fails", "single point", "however", "instead", "downside", "cost")},
};

static const struct element case_study[4] = {
    {"assumptions", "State your assumptions and clarify the objective first.",
     MARKERS("assum", "clarif", "objective", "goal", "first i would ask", "i would ask",
             "understand", "define")},
    {"structure", "Structure the problem into parts before solving it.",
     MARKERS("framework", "break down", "break it down", "first", "second", "segment", "factors",
             "drivers", "split", "three areas", "categories", "on one side")},
    {"quantification", "Quantify: estimate, calculate or compare with data.",
     MARKERS("estimat", "calculat", "data", "compare", "%", "percent", "per day", "per year",
             "roughly", "about", "approximately", "metric", "revenue", "cost")},
    {"recommendation", "End with a clear recommendation and the next steps.",
     MARKERS("recommend", "suggest", "conclu", "therefore", "next step", "overall", "i would",
             "my advice", "in summary", "the answer is")},
};

/* For explanations the first element, the direct answer, is judged on the first sentence only
 * (see opens_with_answer); its markers are the words that make a sentence a statement. */
static const struct element explanation[4] = {
    {"direct_answer", answer_direct_answer_advice,
     MARKERS("is", "are", "was", "were", "means", "refers to", "describes", "happens", "occurs",
             "returns", "lets", "allows", "gives", "measures", "stands for", "comes down to",
             "depends", "should", "would", "use", "uses", "causes", "make", "makes", "keep",
             "keeps")},
    {"reasoning", "Explain why, not only what: causes, reasons, consequences.",
     MARKERS("because", "so that", "which means", "therefore", "since", "this is why",
             "as a result", "in order to", "the reason", "so the", "so it", "that's why")},
    {"example", "Give a concrete example, ideally from your own work.",
     MARKERS("for example", "for instance", "e.g.", "such as", "in my project", "in my last",
             "i used", "we used", "like when", "example", "say ", "at my previous", "at my last",
             "specifically")},
    {"nuance", "Mention limits and trade-offs: when it does not apply, what it costs.",
     MARKERS("however", "but ", "trade-off", "tradeoff", "downside", "depends", "unless",
             "on the other hand", "whereas", "drawback", "limitation", "careful", "pitfall",
             "only when", "except")},
};

/* The structure elements of a question category, and their kind's name. */
static const struct element *elements_for(const char *category, const char **kind)
{
    if (category && (strcmp(category, "behavioral") == 0)) {
        *kind = "star";
        return star;
    }
    if (category && strcmp(category, "system_design") == 0) {
        *kind = "design";
        return design;
    }
    if (category && strcmp(category, "case_study") == 0) {
        *kind = "case";
        return case_study;
    }
    *kind = "explanation";
    return explanation;
}

/* ================================================================ scoring state */

/* The key points an answer is judged on: the rubric's, or one per keyword. */
struct points {
    const struct rubric_item *items; /* rubric points, or NULL for keywords */
    const char *keywords[ANSWER_MAX_POINTS];
    size_t n;
};

struct scoring {
    const struct answer_input *in;
    struct answer_result *out;
    struct answer_text t;
    struct answer_counts c;
    struct points p;
};

/* ================================================================ key points */

/* Words of five or more letters that say nothing about a question's subject. */
static const char *const stopwords[] = {
    "about",     "after",      "again",     "being",   "between", "could",   "describe",
    "different", "difference", "doing",     "explain", "example", "every",   "first",
    "given",     "handle",     "having",    "other",   "should",  "their",   "there",
    "these",     "thing",      "things",    "those",   "through", "under",   "using",
    "wants",     "where",      "which",     "while",   "would",   "without", "yourself",
    "someone",   "something",  "situation", "works",   "takes",   NULL,
};

static bool stopword(const char *w)
{
    for (const char *const *s = stopwords; *s; s++)
        if (strcmp(*s, w) == 0)
            return true;
    return false;
}

/* Fills out->derived with up to six distinct content words (5+ letters) of the question. */
static size_t derive_keywords(const char *question, struct answer_result *out)
{
    size_t n = 0;
    for (const char *p = question ? question : ""; *p && n < 6;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        size_t len = 0;
        char word[ANSWER_KEYWORD_LEN];
        for (; isalpha((unsigned char)*p) || *p == '-'; p++)
            if (len + 1 < sizeof word)
                word[len++] = (char)tolower((unsigned char)*p);
        word[len] = '\0';
        if (len < 5 || stopword(word))
            continue;
        bool seen = false;
        for (size_t i = 0; i < n && !seen; i++)
            seen = strcmp(out->derived[i], word) == 0;
        if (!seen)
            memcpy(out->derived[n++], word, len + 1);
    }
    return n;
}

/* The points of the question: its rubric's, else its keywords, else words of the question. */
static void choose_points(struct scoring *s)
{
    const struct answer_input *in = s->in;
    if (in->rubric && in->rubric->npoints > 0) {
        s->p.items = in->rubric->points;
        s->p.n = in->rubric->npoints;
        return;
    }
    size_t n = in->keywords ? in->nkeywords : 0;
    if (n > ANSWER_MAX_KEYWORDS)
        n = ANSWER_MAX_KEYWORDS;
    for (size_t i = 0; i < n; i++)
        s->p.keywords[i] = in->keywords[i];
    if (n == 0) {
        n = derive_keywords(in->question, s->out);
        for (size_t i = 0; i < n; i++)
            s->p.keywords[i] = s->out->derived[i];
    }
    s->p.n = n;
}

/* Four-letter words of a design question that name no subject. */
static const char *const generic_words[] = {
    "like", "that", "with", "from", "what", "when", "your", "have",   "many",   "same",    "never",
    "each", "into", "over", "than", "this", "they", "them", "design", "system", "service", NULL,
};

/* Does the answer name the subject of a design question: a content word of three or more
 * letters of the question ("url", "shortening", "bit"; "caching", "layer", "front", "slow",
 * "database"), leniently (below)? The first two go into out->subject. A question whose words
 * are all generic has no subject to name (true). */
static bool names_subject(struct scoring *s)
{
    struct answer_result *out = s->out;
    char words[8][ANSWER_KEYWORD_LEN];
    size_t n = 0;
    const char *q = s->in->question ? s->in->question : "";
    for (const char *p = q; *p && n < 8;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        size_t len = 0;
        char word[ANSWER_KEYWORD_LEN];
        for (; isalpha((unsigned char)*p); p++)
            if (len + 1 < sizeof word)
                word[len++] = (char)tolower((unsigned char)*p);
        word[len] = '\0';
        bool generic = len < 3 || stopword(word);
        for (const char *const *g = generic_words; *g && !generic; g++)
            generic = strcmp(*g, word) == 0;
        if (!generic)
            memcpy(words[n++], word, len + 1);
    }
    if (n == 0)
        return true;
    snprintf(out->subject, sizeof out->subject, "%s%s%s", words[0], n > 1 ? " " : "",
             n > 1 ? words[1] : "");
    /* leniently: a word of the answer starting with a subject word's first four letters
       ("cach" finds "cache", "limi" finds "limits"), or the whole of a shorter one */
    const char *t = s->t.s;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(words[i]), m = len < 4 ? len : 4;
        for (const char *p = t; *p; p++) {
            if (p > t && isalnum((unsigned char)p[-1]))
                continue;
            if (strncasecmp(p, words[i], m) == 0 && (len >= 4 || !isalnum((unsigned char)p[m])))
                return true;
        }
    }
    return false;
}

static const char *point_name(const struct points *p, size_t i)
{
    return p->items ? p->items[i].name : p->keywords[i];
}

/* Does sentence x make point i (a phrase of the rubric item, or the keyword)? */
static bool point_in(const struct scoring *s, size_t i, const struct answer_sentence *x)
{
    if (s->p.items == NULL)
        return answer_text_mentions(&s->t, x, s->p.keywords[i]);
    /* a sentence that only names the point ("Circular wait is important.") does not make it
       (session 36: six such sentences covered every point of the deadlock question, 52) */
    for (size_t j = 0; j < s->p.items[i].nphrases; j++)
        if (answer_text_has(&s->t, x, s->p.items[i].phrases[j], false) &&
            !answer_text_only_names(&s->t, x, s->p.items[i].phrases[j]))
            return true;
    return false;
}

/* Does a point's name state a limit: "cpu-bound threads don't scale", "volatile is not atomic"
 * (a negation among its words: not, no, never, cannot, one ending in "n't")? */
static bool states_limit(const char *name)
{
    for (const char *w = name; *w;) {
        while (*w == ' ')
            w++;
        size_t n = strcspn(w, " ");
        if ((n == 3 && strncmp(w, "not", 3) == 0) || (n == 2 && strncmp(w, "no", 2) == 0) ||
            (n == 5 && strncmp(w, "never", 5) == 0) || (n == 6 && strncmp(w, "cannot", 6) == 0) ||
            (n >= 3 && strncmp(w + n - 3, "n't", 3) == 0))
            return true;
        w += n;
    }
    return false;
}

/* Does sentence x make point i as a claim, neither negated before nor denied after it in its
 * clause ("The database never rolls back one of them", "Same order does not prevent it")? */
static bool point_affirmed(const struct scoring *s, size_t i, const struct answer_sentence *x)
{
    if (s->p.items == NULL)
        return true; /* keywords: named is made */
    bool limit = states_limit(point_name(&s->p, i));
    for (size_t j = 0; j < s->p.items[i].nphrases; j++)
        if (answer_text_affirms(&s->t, x, s->p.items[i].phrases[j], limit) &&
            !answer_text_only_names(&s->t, x, s->p.items[i].phrases[j]))
            return true;
    return false;
}

static void score_points(struct scoring *s)
{
    struct answer_result *out = s->out;
    bool named[ANSWER_MAX_POINTS] = {0}, affirmed[ANSWER_MAX_POINTS] = {0};
    size_t nnamed = 0, naffirmed = 0;
    for (size_t i = 0; i < s->p.n; i++) {
        for (size_t k = 0; k < s->t.n && !affirmed[i]; k++)
            if (s->t.sent[k].prose && point_in(s, i, &s->t.sent[k])) {
                named[i] = true;
                affirmed[i] = point_affirmed(s, i, &s->t.sent[k]);
            }
        nnamed += named[i];
        naffirmed += affirmed[i];
    }
    /* a point made only in negated clauses counts (a cause is often told that way: "locks
       aren't taken in the same order"), unless the answer denies most of what it names:
       two or more such points, more than it affirms (thirty-seventh round: "A deadlock has
       nothing to do with transactions waiting for each other", "The database never rolls
       back one of them" covered every point, 89) */
    bool denies = nnamed - naffirmed >= 2 && nnamed - naffirmed > naffirmed;
    for (size_t i = 0; i < s->p.n; i++) {
        if (denies && named[i] && !affirmed[i])
            out->denied[out->ndenied++] = point_name(&s->p, i);
        if (named[i] && (affirmed[i] || !denies))
            out->covered[out->ncovered++] = point_name(&s->p, i);
        else
            out->missed[out->nmissed++] = point_name(&s->p, i);
    }
    /* a few words cannot explain several points: under 40 words of prose, the part shrinks */
    size_t scale = out->prose_words < 40 ? out->prose_words : 40;
    out->points_score =
        s->p.n ? (int)((out->ncovered * 60 * scale + s->p.n * 20) / (s->p.n * 40)) : 30;
}

static void find_misconceptions(struct scoring *s)
{
    const struct rubric *r = s->in->rubric;
    for (size_t i = 0; r && i < r->nmisconceptions; i++)
        if (item_in(&s->t, &r->misconceptions[i], false, true))
            s->out->misconceptions[s->out->nmisconceptions++] = r->misconceptions[i].name;
}

/* ================================================================ structure, judged */

/* Openings that put off the answer: filler, a story, a hedge. */
static const char *const openers[] = {
    "great question",
    "good question",
    "interesting question",
    "that's a good",
    "well,",
    "so,",
    "let me",
    "i think",
    "i guess",
    "i believe",
    "hmm",
    "honestly",
    "to be honest",
    "in my",
    "at my",
    "when i",
    "i remember",
    "i've",
    "i have",
    "i once",
    "it depends",
    "there are many",
    NULL,
};

/* Does the first prose sentence give the answer? It must not open with filler, a story or a
 * hedge, and must make one of the points, name a keyword of the question (its subject) or be
 * a statement ("X is ...", "X returns ..."). */
static bool opens_with_answer(const struct scoring *s, const struct element *el)
{
    for (size_t k = 0; k < s->t.n; k++) {
        const struct answer_sentence *x = &s->t.sent[k];
        if (!x->prose)
            continue;
        for (const char *const *o = openers; *o; o++)
            if (answer_text_opens_with(&s->t, x, *o))
                return false;
        for (const char *const *m = el->markers; *m; m++)
            if (answer_text_has(&s->t, x, *m, false))
                return true;
        for (size_t i = 0; i < s->p.n; i++)
            if (point_in(s, i, x))
                return true;
        for (size_t i = 0; s->in->keywords && i < s->in->nkeywords; i++)
            if (answer_text_mentions(&s->t, x, s->in->keywords[i]))
                return true;
        return false;
    }
    return false;
}

/* Does sentence x hold one of the NULL-terminated markers? */
static bool prose_has_any_in(const struct scoring *s, const struct answer_sentence *x,
                             const char *const *markers)
{
    for (const char *const *m = markers; *m; m++)
        if (answer_text_has(&s->t, x, *m, false))
            return true;
    return false;
}

/* Does marker m occur in [from, to) of s at a word start not right after "to " (ASCII case
 * folded; a prefix match, as the markers are words or word starts)? */
static bool said_not_aimed(const char *s, size_t from, size_t to, const char *m)
{
    size_t n = strlen(m);
    for (size_t i = from; i + n <= to; i++) {
        if (i > from && isalnum((unsigned char)s[i - 1]))
            continue;
        if (strncasecmp(s + i, m, n) != 0)
            continue;
        if (i >= from + 3 && strncasecmp(s + i - 3, "to ", 3) == 0 &&
            (i == from + 3 || !isalnum((unsigned char)s[i - 4])))
            continue;
        return true;
    }
    return false;
}

/* Does a STAR story tell its result? A result marker right after "to" is an aim or a step, not
 * an outcome ("My task was to deliver the export", "I decided to cut the scope"), unless the
 * sentence holds a figure ("we were able to reduce it by 40%"). */
static bool result_told(const struct scoring *s)
{
    for (size_t k = 0; k < s->t.n; k++) {
        const struct answer_sentence *x = &s->t.sent[k];
        if (!x->prose || !prose_has_any_in(s, x, star[3].markers))
            continue;
        bool told = false;
        for (size_t i = x->start; i < x->end && !told; i++)
            told = isdigit((unsigned char)s->t.s[i]);
        for (const char *const *m = star[3].markers; *m && !told; m++)
            told = said_not_aimed(s->t.s, x->start, x->end, *m);
        if (told)
            return true;
    }
    return false;
}

static void score_structure(struct scoring *s)
{
    struct answer_result *out = s->out;
    const struct element *els = elements_for(s->in->category, &out->structure_kind);
    bool explains = strcmp(out->structure_kind, "explanation") == 0;
    for (int i = 0; i < 4; i++) {
        bool found = explains && i == 0      ? opens_with_answer(s, &els[0])
                     : els == star && i == 3 ? result_told(s)
                                             : prose_has_any(&s->t, els[i].markers);
        if (found)
            out->found[out->nfound++] = els[i].name;
        else
            out->absent[out->nabsent++] = els[i].name;
    }
    out->structure_score = (int)(out->nfound * 15 + 2) / 4;
}

/* ================================================================ length, specifics, filler */

static int length_points(size_t words)
{
    if (words == 0)
        return 0;
    if (words < 15)
        return 2;
    if (words < 40)
        return 6;
    if (words < 80)
        return 11;
    if (words <= 350)
        return 15;
    return words <= 600 ? 11 : 5;
}

static const char *const concrete_markers[] = {
    "for example", "for instance",  "specifically",   "e.g.",       "such as", "%",
    "measured",    "in my project", "at my previous", "at my last", NULL,
};

static void score_specificity(struct scoring *s)
{
    static const int by_numbers[] = {0, 3, 5};
    struct answer_result *out = s->out;
    int points = by_numbers[s->c.numbers > 2 ? 2 : s->c.numbers];
    if (prose_has_any(&s->t, concrete_markers))
        points += 3;
    bool behavioral = strcmp(out->structure_kind, "star") == 0;
    if (behavioral ? s->c.first_person >= 2 : s->c.technical >= 1)
        points += 2;
    out->specificity_score = points > 10 ? 10 : points;
}

/* Phrases that fill an answer without saying anything. */
static const char *const fillers[] = {
    "basically",
    "at the end of the day",
    "to be honest",
    "honestly",
    "you know",
    "kind of",
    "sort of",
    "needless to say",
    "it goes without",
    "as i said",
    "as i mentioned",
    "like i said",
    "fast-paced",
    "synergy",
    "game changer",
    "game-changer",
    "at this point in",
    "all in all",
    "when all is said",
    "so yeah",
    "and so on and so",
    "literally",
    "stuff like that",
    "things like that",
    "in today's world",
    "each and every",
    "first and foremost",
    NULL,
};

static size_t count_fillers(const struct answer_text *t)
{
    size_t n = 0;
    for (const char *const *f = fillers; *f; f++)
        n += answer_text_occurrences(t, *f);
    return n;
}

/* ================================================================ feedback */

static void note(const char **list, size_t *n, const char *text)
{
    if (*n < ANSWER_MAX_NOTES)
        list[(*n)++] = text;
}

/* A note built in out->notes: prefix, then the names joined with "; ", then ".". */
static const char *names_note(struct answer_result *out, const char *prefix,
                              const char *const *names, size_t n)
{
    char *b = out->notes[out->nnotes++];
    size_t size = sizeof out->notes[0];
    int len = snprintf(b, size, "%s", prefix);
    for (size_t i = 0; i < n && len >= 0 && (size_t)len < size; i++)
        len += snprintf(b + len, size - (size_t)len, "%s%s", i ? "; " : "", names[i]);
    if (len >= 0 && (size_t)len + 1 < size)
        strcat(b, ".");
    return b;
}

static const char *structure_strength(const char *kind)
{
    if (strcmp(kind, "star") == 0)
        return "Clear STAR structure: situation, task, action and result.";
    if (strcmp(kind, "design") == 0)
        return "Covers requirements, components, data and trade-offs.";
    if (strcmp(kind, "case") == 0)
        return "Well structured: assumptions, a framework, numbers and a recommendation.";
    return "Well explained: a direct answer, the reasoning, an example and the limits.";
}

static void strengths(struct scoring *s)
{
    struct answer_result *out = s->out;
    if (out->off_topic || out->not_english)
        return; /* a well-told answer to another question deserves no praise */
    bool right = out->nmisconceptions == 0 && !out->keyword_list && out->ndenied == 0;
    /* the length part counts sentences said once; the praise needs the whole answer in the
       band too, or a rambling answer is praised and told "Too long" at once */
    /* ... and says each point once without filler, or "without rambling" is praised next to
       "Avoid repeating yourself" or "Cut the filler" */
    if (out->length_score == 15 && !out->keyword_list && s->c.words >= 80 && s->c.words <= 350 &&
        !out->repeated && !out->padded)
        note(out->strengths, &out->nstrengths, "Good length: detailed without rambling.");
    if (right && out->nabsent == 0)
        note(out->strengths, &out->nstrengths, structure_strength(out->structure_kind));
    /* "the key points" only when none is missed: next to "Key point missed: ..." it says most */
    if (right && out->ncovered > 0 && out->ncovered * 10 >= s->p.n * 7)
        note(out->strengths, &out->nstrengths,
             out->nmissed == 0
                 ? "Covers the key points the question is about (see key_points.covered)."
                 : "Covers most of the key points the question is about (see "
                   "key_points.covered).");
    if (right && s->c.numbers >= 2)
        note(out->strengths, &out->nstrengths,
             "Specific and measurable: numbers make the answer concrete.");
    /* an explanation is told "Give a concrete example" when its example element is absent:
       praise its examples only when that advice is not given */
    bool example_absent = false;
    for (size_t j = 0; j < out->nabsent; j++)
        example_absent |= strcmp(out->absent[j], "example") == 0;
    if (right && prose_has_any(&s->t, concrete_markers) && !example_absent)
        note(out->strengths, &out->nstrengths, "Backs the answer with concrete examples.");
}

static void improvements(struct scoring *s)
{
    struct answer_result *out = s->out;
    bool star_kind = strcmp(out->structure_kind, "star") == 0;
    for (size_t i = 0; i < out->nmisconceptions; i++)
        note(out->improvements, &out->nimprovements,
             names_note(out, star_kind ? "Red flag: " : "Misconception: ", &out->misconceptions[i],
                        1));
    if (out->not_english) {
        note(out->improvements, &out->nimprovements,
             "Answer in English: the built-in scoring reads English only, so this answer's key "
             "points could not be looked for.");
        return;
    }
    if (out->subject_missed && !out->keyword_list) {
        const char *subject = out->subject;
        note(out->improvements, &out->nimprovements,
             names_note(out,
                        "Answer the question asked: this answer never names what it is to "
                        "design: ",
                        &subject, 1));
    } else if (out->off_topic && !out->keyword_list)
        note(out->improvements, &out->nimprovements,
             "Answer the question asked: this answer makes none of its key points, however well "
             "it is told.");
    if (out->keyword_list)
        note(out->improvements, &out->nimprovements,
             "Answer in sentences: a list of terms does not show how they fit together.");
    if (out->ndenied > 0 && out->nnotes < sizeof out->notes / sizeof out->notes[0])
        note(out->improvements, &out->nimprovements,
             names_note(out,
                        "Check what you deny: a right answer makes these points, and yours "
                        "says they do not hold: ",
                        out->denied, out->ndenied));
    /* the points missed that the note above does not name already */
    const char *missed[ANSWER_MAX_POINTS];
    size_t nmissed = 0;
    for (size_t i = 0; i < out->nmissed; i++) {
        bool denied = false;
        for (size_t j = 0; j < out->ndenied && !denied; j++)
            denied = out->denied[j] == out->missed[i];
        if (!denied)
            missed[nmissed++] = out->missed[i];
    }
    if (nmissed > 0 && out->nnotes < sizeof out->notes / sizeof out->notes[0])
        note(out->improvements, &out->nimprovements,
             names_note(out, nmissed == 1 ? "Key point missed: " : "Key points missed: ", missed,
                        nmissed));
    const char *kind;
    const struct element *els = elements_for(s->in->category, &kind);
    for (int i = 0; i < 4 && !out->keyword_list; i++)
        for (size_t j = 0; j < out->nabsent; j++)
            if (strcmp(els[i].name, out->absent[j]) == 0)
                note(out->improvements, &out->nimprovements, els[i].missing);
    if (out->repeated)
        note(out->improvements, &out->nimprovements,
             "Avoid repeating yourself: say each point once.");
    if (out->padded)
        note(out->improvements, &out->nimprovements,
             "Cut the filler: every sentence should add a point, a reason or an example.");
    if (s->c.words < 40)
        note(out->improvements, &out->nimprovements,
             "Too short: expand with more detail (aim for 80 to 350 words).");
    else if (s->c.words > 350)
        note(out->improvements, &out->nimprovements,
             "Too long: keep to the essentials (under 350 words).");
    if (s->c.numbers == 0 && strcmp(kind, "explanation") != 0)
        note(out->improvements, &out->nimprovements,
             "Add specifics: numbers, scale or measurable impact.");
}

/* ================================================================ the score */

static void apply_penalties(struct scoring *s)
{
    struct answer_result *out = s->out;
    int raw = out->points_score + out->structure_score + out->specificity_score + out->length_score;
    /* form without substance: an answer that makes none of the key points (an answer to
       another question, however well told) keeps a fifth of its structure, specifics and
       length */
    int form = out->structure_score + out->specificity_score + out->length_score;
    int score = out->off_topic ? (out->points_score + form + 2) / 5 : out->points_score + form;
    score -= (int)(out->repeated > 3 ? 3 : out->repeated) * 5;
    if (out->padded) /* 5 for each filler past the second, at most 20 */
        score -= out->fillers >= 6 ? 20 : (int)(out->fillers - 2) * 5;
    score -= (int)out->nmisconceptions * 25;
    if ((out->nmisconceptions > 0 || out->ndenied > 0) && score > 25)
        score = 25;
    if (out->keyword_list && score > 25)
        score = 25;
    if (score < 0)
        score = 0;
    out->score = score;
    out->penalty = raw - score;
}

void answer_score(const struct answer_input *in, struct answer_result *out)
{
    memset(out, 0, sizeof *out);
    struct scoring s = {.in = in, .out = out};
    answer_text_read(in->answer, &s.t);
    answer_text_count(s.t.s, &s.c);
    choose_points(&s);
    out->words = s.c.words;
    out->numbers = s.c.numbers;
    elements_for(in->category, &out->structure_kind);
    if (s.c.words == 0) {
        for (size_t i = 0; i < s.p.n; i++)
            out->missed[out->nmissed++] = point_name(&s.p, i);
        note(out->improvements, &out->nimprovements,
             "No answer given: answer the question to get a score.");
        goto done;
    }
    out->repeated = answer_text_mark_repeats(&s.t);
    size_t counted = 0; /* words of sentences said once */
    for (size_t k = 0; k < s.t.n; k++) {
        out->prose_words += s.t.sent[k].prose ? s.t.sent[k].words : 0;
        counted += s.t.sent[k].repeated ? 0 : s.t.sent[k].words;
    }
    out->keyword_list = out->prose_words * 2 < out->words && out->words >= 6;
    out->fillers = count_fillers(&s.t);
    out->padded = out->fillers >= 3 && out->fillers * 40 >= out->words;
    score_points(&s);
    size_t long_sentences = 0;
    for (size_t k = 0; k < s.t.n; k++)
        long_sentences += s.t.sent[k].words >= 6;
    /* the joining words only English has: an Italian answer's "i", "a" and "in" made it read
       as English, then as a list of terms (thirty-seventh round) */
    out->not_english = s.c.words >= 15 && (s.c.joining - s.c.shared) * 12 < s.c.words &&
                       s.c.commas * 4 < s.c.words && long_sentences >= 2;
    out->off_topic = s.p.n > 0 && out->ncovered == 0 && out->ndenied == 0;
    /* a design question's points are generic (scale, cache, database): an answer that never
       names what it designs (the ticket-booking answer given to the URL shortener) is off
       topic however many it makes */
    out->subject_missed = strcmp(out->structure_kind, "design") == 0 && !names_subject(&s);
    out->off_topic |= out->subject_missed;
    find_misconceptions(&s);
    score_structure(&s);
    score_specificity(&s);
    out->length_score = length_points(counted);
    apply_penalties(&s);
    strengths(&s);
    improvements(&s);
done:
    answer_text_free(&s.t);
}
