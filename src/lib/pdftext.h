/*
 * This file declares PDF text extraction by the poppler tool pdftotext, run as a separate
 * process so that a hostile or broken PDF can crash or exhaust only that process:
 * `pdftotext -layout -enc UTF-8 - -` is started with fork + execve (no shell; the program
 * is looked up in fixed directories, never through $PATH), with the PDF's bytes on stdin (an
 * anonymous in-memory file: nothing is written to disk) and stderr on /dev/null,
 * every other descriptor closed, default signal dispositions and mask, a minimal environment,
 * its own process group, and limits set in the child before exec: address space
 * (max_memory), CPU time (the timeout, rounded up to seconds), no file writes (RLIMIT_FSIZE 0)
 * and no core dumps. The parent reads stdout up to max_output bytes and kills the process group
 * (SIGKILL) when the wall-clock timeout passes or the output overflows, and always reaps the
 * child. At most max_parallel runs go at once in a process (COPILOT_MAX_PARSES); an extraction
 * waits for a free slot at most as long as one run may take, then gives up. Safe to call from
 * several threads at once, wherever it runs (the work pool's threads, the command line).
 */
#ifndef COPILOT_LIB_PDFTEXT_H
#define COPILOT_LIB_PDFTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "err.h"

/* The limits of every extraction (docs/security.md "PDF parsing under limits"). */
struct pdftext_limits {
    int64_t timeout_ms; /* wall clock of one run, and its CPU time (COPILOT_PDF_TIMEOUT, s) */
    size_t max_memory;  /* RLIMIT_AS of the child (COPILOT_PDF_MAX_MEMORY, MiB) */
    size_t max_output;  /* stdout bytes kept */
    int max_parallel;   /* runs at once in this process (COPILOT_MAX_PARSES) */
};
#define PDFTEXT_TIMEOUT_S 10 /* the defaults */
#define PDFTEXT_MAX_MEMORY (512ul << 20)
#define PDFTEXT_MAX_OUTPUT (8u << 20)
#define PDFTEXT_MAX_PARALLEL 2

/* Replaces the defaults (call once, before any thread extracts; values <= 0 keep the
 * default). */
void pdftext_configure(const struct pdftext_limits *l);
/* The limits in force. */
struct pdftext_limits pdftext_limits(void);

/* Extracts the text of the PDF data[0..len), appending it to out (the caller frees out).
 * *truncated (may be NULL) tells whether the output passed max_output: the text kept is then
 * the first max_output bytes, and that is not an error.
 * Returns 0; ERR_INVALID with a message in e when pdftotext fails on the file (damaged,
 * encrypted, timed out, stopped by a limit) or no slot freed up in time; ERR_INTERNAL when
 * pdftotext cannot be run (not installed, no processes left). */
int pdftext_extract(const char *data, size_t len, struct buf *out, bool *truncated, struct err *e);

/* The pdftotext program used: the first executable pdftotext in /usr/bin, /usr/local/bin,
 * /bin; NULL when there is none. */
const char *pdftext_program(void);

#endif
