/*
 * This file declares the client of an optional language model: an OpenAI-compatible
 * chat-completions endpoint (COPILOT_LLM_URL, COPILOT_LLM_MODEL, COPILOT_LLM_KEY). It sends one
 * system and one user message and returns the text of the first choice. Without a URL it is
 * disabled and callers use the built-in generators; callers also fall back to them when a
 * call fails, so nothing here is ever fatal.
 */
#ifndef COPILOT_LIB_LLM_H
#define COPILOT_LIB_LLM_H

#include <stdbool.h>
#include <stddef.h>

struct llm_config {
    const char *url;      /* the endpoint, or a base URL that "/chat/completions" is added to;
                             NULL = disabled */
    const char *model;    /* NULL = "default" */
    const char *key;      /* sent as a bearer token when not NULL */
    long timeout_seconds; /* <= 0 = 20 */
};

/* True when a URL is configured. */
bool llm_enabled(const struct llm_config *c);
/* The model name to report as the generator. */
const char *llm_model_name(const struct llm_config *c);

/* POSTs {"model", "messages": [system, user], "temperature": 0.2} and, on a 2xx answer whose
 * choices[0].message.content is a non-blank string, stores that text (trimmed, malloc'd; the
 * caller frees it) in *out and returns 0. Otherwise returns -1 with *out NULL and a short
 * reason for people in error (size n): unreachable or timed out, an HTTP status, a malformed
 * or empty answer. Blocks for at most the timeout. */
int llm_chat(const struct llm_config *c, const char *system, const char *user, char **out,
             char *error, size_t n);

#endif
