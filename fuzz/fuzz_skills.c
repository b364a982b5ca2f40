/*
 * Fuzzes the skills found in free text and the skill identity (src/core/skills.c) with the
 * shipped dictionary: skills_find_in_text over the input (as a job description or résumé),
 * and skills_key, skills_display, skills_canonical, skills_top_rank and skills_is_field over
 * each line of it (as a skill a user typed).
 * Properties: found skills are canonical names of the dictionary, each once, in dictionary
 * order, at most the number asked for; a key and a display name are valid UTF-8 when the name
 * is, fit their buffer, and the key is stable (the key of a key is itself) and the same for a
 * name and its canonical form.
 */
#include "fuzz.h"

#include "core/skills.h"

#define FOUND_MAX 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct skills_dict *d = skills_default();
    char *text = fuzz_strndup((const char *)data, size);
    const char *found[FOUND_MAX];
    size_t max = 1 + size % FOUND_MAX;
    size_t n = skills_find_in_text(d, text, found, max);
    FUZZ_CHECK(n <= max);
    size_t last = 0;
    for (size_t i = 0; i < n; i++) {
        const char *canonical = skills_canonical(d, found[i]);
        FUZZ_CHECK(canonical == found[i]);
        size_t index = skills_count(d);
        for (size_t k = 0; k < skills_count(d); k++)
            if (skills_name(d, k) == found[i]) {
                index = k;
                break;
            }
        FUZZ_CHECK(index < skills_count(d));
        FUZZ_CHECK(i == 0 || index > last);
        last = index;
    }

    struct fuzz_input in = fuzz_input(data, size);
    for (int lines = 0; in.n && lines < 16; lines++) {
        size_t len;
        char *name = fuzz_piece(&in, '\n', &len);
        len = strlen(name);
        char key[SKILLS_KEY_MAX], again[SKILLS_KEY_MAX], shown[SKILLS_KEY_MAX];
        skills_key(d, name, key, sizeof key);
        FUZZ_CHECK(strlen(key) < sizeof key);
        bool valid = fuzz_utf8_valid(name, len);
        if (valid) {
            FUZZ_CHECK(fuzz_utf8_valid(key, strlen(key)));
            skills_key(d, key, again, sizeof again);
            FUZZ_CHECK(strcmp(key, again) == 0);
        }
        skills_display(d, name, shown, sizeof shown);
        FUZZ_CHECK(strlen(shown) < sizeof shown);
        if (valid)
            FUZZ_CHECK(fuzz_utf8_valid(shown, strlen(shown)));
        const char *canonical = skills_canonical(d, name);
        if (canonical) {
            skills_key(d, canonical, again, sizeof again);
            FUZZ_CHECK(strcmp(key, again) == 0);
        }
        int rank = skills_top_rank(d, name);
        FUZZ_CHECK(rank >= 0 && (size_t)rank <= skills_top_count(d));
        (void)skills_is_field(d, name);
        free(name);
    }
    free(text);
    return 0;
}
