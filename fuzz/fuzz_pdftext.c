/*
 * Fuzzes what happens to pdftotext's output (src/lib/pdftext.c runs the tool; its text then
 * takes the path of src/model/resume_parse.c): the bytes the tool wrote, cut at the output cap
 * as pdftext.c cuts them (anywhere, even inside a UTF-8 sequence; the cap is picked by the first
 * byte), cleaned, analysed and mapped to the JSON columns of resume_uploads. This is
 * resume_parse with the text type, the same pipeline a PDF's text goes through after the tool.
 * Properties: the parse completes, or fails only for a text with nothing in it; each column is
 * JSON that parses back (parsed_data an object with the text, extracted_skills an array of
 * strings, the contact an object); the stored text is valid UTF-8.
 */
#include "fuzz.h"

#include <jansson.h>

#include "model/resume_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fuzz_input in = fuzz_input(data, size);
    size_t cap = 16 + (size_t)fuzz_byte(&in) * 32; /* what pdftext.c kept of the output */
    size_t len = in.n < cap ? in.n : cap;
    struct arena a;
    arena_init(&a);
    struct resume_parsed out;
    resume_parse(FILETYPE_TXT, in.p, len, &a, &out);
    FUZZ_CHECK(out.parsing_status != NULL);
    if (strcmp(out.parsing_status, "failed") == 0) {
        FUZZ_CHECK(out.parsing_error && strstr(out.parsing_error, "no text"));
        FUZZ_CHECK(strcmp(out.extracted_skills, "[]") == 0);
    } else {
        FUZZ_CHECK(strcmp(out.parsing_status, "completed") == 0);
        json_t *parsed = json_loads(out.parsed_data, 0, NULL);
        FUZZ_CHECK(json_is_object(parsed));
        const char *text = json_string_value(json_object_get(parsed, "text"));
        FUZZ_CHECK(text && text[0] && fuzz_utf8_valid(text, strlen(text)));
        json_decref(parsed);
        json_t *skills = json_loads(out.extracted_skills, 0, NULL);
        FUZZ_CHECK(json_is_array(skills));
        size_t i;
        json_t *s;
        json_array_foreach(skills, i, s) FUZZ_CHECK(json_is_string(s));
        json_decref(skills);
        json_t *contact = json_loads(out.extracted_contact_info, 0, NULL);
        FUZZ_CHECK(json_is_object(contact));
        json_decref(contact);
    }
    char *client = fuzz_strndup(in.p, in.n); /* also a client's file name */
    const char *name = resume_display_filename(client, FILETYPE_PDF, &a);
    free(client);
    FUZZ_CHECK(name && name[0] && fuzz_utf8_valid(name, strlen(name)));
    FUZZ_CHECK(strchr(name, '/') == NULL && strchr(name, '\\') == NULL);
    arena_free(&a);
    return 0;
}
