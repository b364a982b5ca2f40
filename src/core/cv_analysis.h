/*
 * This file declares the shape of a résumé analysis (struct cv_analysis and its parts: sections,
 * dates, experience and education entries, contact details), shared by the two halves that
 * fill it (cv_text.c and cv_history.c) and read by the model that stores it (model/resume.c).
 * Types only.
 */
#ifndef COPILOT_CORE_CV_ANALYSIS_H
#define COPILOT_CORE_CV_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#define CV_MAX_LINKS 8
#define CV_MAX_SKILLS 100
#define CV_MAX_ENTRIES 20
#define CV_MAX_SECTIONS 24
#define CV_MAX_HIGHLIGHTS 4 /* bullets kept per experience entry */

enum cv_section_kind {
    CV_SECTION_HEADER, /* the text before the first heading (name and contact details) */
    CV_SECTION_SUMMARY,
    CV_SECTION_EXPERIENCE,
    CV_SECTION_EDUCATION,
    CV_SECTION_SKILLS,
    CV_SECTION_PROJECTS,
    CV_SECTION_CERTIFICATIONS,
    CV_SECTION_LANGUAGES,
    CV_SECTION_OTHER, /* a recognised heading of no interest (interests, references, awards...) */
};

struct cv_section {
    enum cv_section_kind kind;
    size_t heading; /* byte offset of the heading line (== start for CV_SECTION_HEADER) */
    size_t start;   /* first byte of the body (after the heading line) */
    size_t end;     /* one past the last byte of the body */
};

/* A month: year 0 = none; month 1-12, or 0 when only the year is known. */
struct cv_date {
    int year, month;
};

struct cv_entry {
    char title[256];       /* experience: the role's title; education: the line without dates */
    char company[160];     /* experience: the employer; "" when none was found */
    char location[96];     /* experience: the place ("Berlin", "Remote"); "" when none */
    char institution[160]; /* education: the segment naming the school; "" when none */
    const char *degree;    /* education: "doctorate", "master", "bachelor", "associate",
                              "diploma", "high_school" or NULL */
    struct cv_date start, end;
    bool current; /* the range ends "present" */
    /* experience: what the role achieved, its bullets (or sentences) in order, Markdown
     * emphasis removed, continuation lines joined */
    char highlights[CV_MAX_HIGHLIGHTS][320];
    int nhighlights;
};

struct cv_contact {
    char name[128];
    char email[256];
    char phone[64];
    char links[CV_MAX_LINKS][512];
    int nlinks;
};

struct cv_analysis {
    struct cv_contact contact;
    const char *skills[CV_MAX_SKILLS]; /* canonical names, pointing into the dictionary */
    size_t nskills;
    struct cv_section sections[CV_MAX_SECTIONS];
    size_t nsections;
    int years;         /* years of experience: the résumé's own statement ("5 years of
                          experience"), else the dated roles (training half, unrelated careers
                          not at all); -1 when unknown */
    const char *level; /* "entry" ... "executive", or NULL when unknown: the latest title's
                          level when it names one, else the years' */
    struct cv_entry experience[CV_MAX_ENTRIES];
    int nexperience;
    struct cv_entry education[CV_MAX_ENTRIES];
    int neducation;
    const char *highest_degree; /* the highest degree among the education entries, or NULL */
};

#endif
