/*
 * This file declares PDF text extraction by the poppler tool pdftotext, run as a separate
 * process so that a hostile or broken PDF can crash or exhaust only that process:
 * `pdftotext -layout -enc UTF-8 FILE -` is started with fork + execve (no shell; the program
 * is looked up in fixed directories, never through $PATH), with stdin and stderr on /dev/null,
 * every other descriptor closed, default signal dispositions and mask, a minimal environment,
 * its own process group, and limits set in the child before exec: address space
 * (PDFTEXT_MAX_MEMORY), CPU time (PDFTEXT_TIMEOUT_S), no file writes (RLIMIT_FSIZE 0) and no
 * core dumps. The parent reads stdout up to PDFTEXT_MAX_OUTPUT bytes and kills the process
 * group (SIGKILL) when the wall-clock timeout passes or the output overflows, and always
 * reaps the child. Safe to call from several threads at once.
 */
#ifndef COPILOT_LIB_PDFTEXT_H
#define COPILOT_LIB_PDFTEXT_H

#include <stdbool.h>

#include "buf.h"
#include "err.h"

#define PDFTEXT_TIMEOUT_S 10             /* wall-clock and CPU seconds */
#define PDFTEXT_MAX_MEMORY (512ul << 20) /* RLIMIT_AS of the child */
#define PDFTEXT_MAX_OUTPUT (8u << 20)    /* stdout bytes kept */

/* Extracts the text of the PDF file at path, appending it to out (the caller frees out).
 * *truncated (may be NULL) tells whether the output passed PDFTEXT_MAX_OUTPUT: the text kept
 * is then the first PDFTEXT_MAX_OUTPUT bytes, and that is not an error.
 * Returns 0; ERR_INVALID with a message in e when pdftotext fails on the file (damaged,
 * encrypted, timed out, stopped by a limit); ERR_INTERNAL when pdftotext cannot be run (not
 * installed, no processes left). */
int pdftext_extract(const char *path, struct buf *out, bool *truncated, struct err *e);

/* The pdftotext program used: the first executable pdftotext in /usr/bin, /usr/local/bin,
 * /bin; NULL when there is none. */
const char *pdftext_program(void);

#endif
