/*
 * Fuzzes the skills dictionary parser (skills_load, src/core/skills.c) on any text in the
 * format of assets/skills.txt ("Name: alias, alias", comments, '!' marks, "#@top:" and
 * "#@field:" lines), then uses the dictionary it built: every canonical name is looked up,
 * keyed, ranked and found in text, and the input itself is searched for skills.
 * Properties: the parser never fails; every canonical name resolves to a skill of the
 * dictionary (itself, unless an earlier line claimed the name: the first claim wins; the
 * shipped file has no such line, tests/assets/check-catalogue.mjs checks it); found skills are
 * skills of the dictionary; the marks rank at most the number of marked skills.
 */
#include "fuzz.h"

#include "core/skills.h"

/* True when name is the canonical name of one of d's skills (the same pointer). */
static bool is_skill(const struct skills_dict *d, const char *name)
{
    for (size_t i = 0; i < skills_count(d); i++)
        if (skills_name(d, i) == name)
            return true;
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct skills_dict *d = skills_load((const char *)data, size);
    FUZZ_CHECK(d != NULL);
    size_t count = skills_count(d);
    FUZZ_CHECK(skills_name(d, count) == NULL);
    for (size_t i = 0; i < count && i < 256; i++) {
        const char *name = skills_name(d, i);
        FUZZ_CHECK(name != NULL);
        const char *canonical = skills_canonical(d, name);
        FUZZ_CHECK(canonical != NULL && is_skill(d, canonical));
        char key[SKILLS_KEY_MAX], shown[SKILLS_KEY_MAX];
        skills_key(d, name, key, sizeof key);
        skills_display(d, name, shown, sizeof shown);
        int rank = skills_top_rank(d, name);
        FUZZ_CHECK(rank >= 0 && (size_t)rank <= skills_top_count(d));
        (void)skills_is_field(d, name);
        const char *found[8];
        size_t n = skills_find_in_text(d, name, found, 8);
        for (size_t k = 0; k < n; k++)
            FUZZ_CHECK(is_skill(d, found[k]));
    }
    char *text = fuzz_strndup((const char *)data, size);
    const char *found[32];
    size_t n = skills_find_in_text(d, text, found, 32);
    FUZZ_CHECK(n <= 32);
    for (size_t k = 0; k < n; k++)
        FUZZ_CHECK(is_skill(d, found[k]));
    free(text);
    skills_free(d);
    return 0;
}
