/*
 * This file tests src/core/skills.c: parsing the dictionary format, name lookups through
 * aliases in any case, comparison keys and display names (in and outside the dictionary), the
 * "#@top:" marks, and finding skills in free text with
 * whole-word and phrase rules ("go" is not in "going", "c++" is not C, "node.js" is one
 * skill), on a small hand-made dictionary and on the shipped assets/skills.txt.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/skills.h"

static const char small[] = "# comment line\n"
                            "JavaScript: js, ecmascript\n"
                            "  Python :  py , python3  \n"
                            "!Go: golang\n"
                            "C++: cpp\n"
                            "!C: ansi c\n"
                            "C#: csharp\n"
                            "\n"
                            "Machine learning: ml\n"
                            "Node.js: node, nodejs\n"
                            ".NET: dotnet\n"
                            "Duplicate: js\n"
                            ": nameless\n"
                            "NoAliases\n";

/* Joins the k skills of found with '|' into out. */
static const char *joined(const char **found, size_t k, char *out, size_t n)
{
    out[0] = '\0';
    for (size_t i = 0; i < k; i++) {
        if (i)
            strncat(out, "|", n - strlen(out) - 1);
        strncat(out, found[i], n - strlen(out) - 1);
    }
    return out;
}

/* Finds the skills of text in d and joins them with '|' into out. */
static const char *find(const struct skills_dict *d, const char *text, char *out, size_t n)
{
    const char *found[64];
    return joined(found, skills_find_in_text(d, text, found, 64), out, n);
}

/* The same for the skills a posting's requirements ask for (skills_find_asked). */
static const char *find_asked(const struct skills_dict *d, const char *text, char *out, size_t n)
{
    const char *found[64];
    return joined(found, skills_find_asked(d, text, found, 64), out, n);
}

/* session 34: "No Kafka experience needed" in a posting's requirements made Kafka a skill the
 * job asks for, so the ranking told the user "missing: Kafka" and "Matches 2 of 3 skills" */
static void test_find_asked(void **state)
{
    const struct skills_dict *d = skills_default();
    char out[1024];
    assert_string_equal(
        find_asked(d, "No Kafka experience needed; Python and PostgreSQL.", out, sizeof out),
        "Python|PostgreSQL");
    assert_string_equal(find_asked(d, "Python, not Java.", out, sizeof out), "Python");
    assert_string_equal(find_asked(d, "Kafka is not required, Docker is.", out, sizeof out),
                        "Docker");
    assert_string_equal(find_asked(d, "You don't need Go; we write Python.", out, sizeof out),
                        "Python");
    assert_string_equal(find_asked(d, "Without Terraform. With AWS.", out, sizeof out), "AWS");
    /* asked for elsewhere, it is asked for */
    assert_string_equal(find_asked(d, "No Java. We use Java 17 daily.", out, sizeof out), "Java");
    /* a clause ends at "but"; "not only" rules nothing out; a later negation is about
       something else */
    assert_string_equal(find_asked(d, "No degree needed but Kafka is a must.", out, sizeof out),
                        "Kafka");
    assert_string_equal(find_asked(d, "Not only Python but also Go.", out, sizeof out),
                        "Python|Go");
    /* session 35: "but not required" rules out what came before it */
    assert_string_equal(find_asked(d, "Python. Kafka is a plus but not required.", out, sizeof out),
                        "Python");
    assert_string_equal(find_asked(d, "Kafka but not Java", out, sizeof out), "Kafka");
    assert_string_equal(find_asked(d, "PostgreSQL and Redis - no recruiters", out, sizeof out),
                        "PostgreSQL|Redis");
    /* session 35, second wave: a negation covers the list it governs, before it or after it
       (it covered the first skill, or the last, and the others were asked for) */
    assert_string_equal(find_asked(d, "No Go, Rust or C++ needed", out, sizeof out), "");
    assert_string_equal(find_asked(d, "Kafka, Flink and Spark are not required", out, sizeof out),
                        "");
    assert_string_equal(find_asked(d, "React, Vue, or Angular not required", out, sizeof out), "");
    assert_string_equal(find_asked(d, "Nice to have: Kafka, Flink (not required)", out, sizeof out),
                        "");
    assert_string_equal(find_asked(d, "No PHP, Ruby, Perl. Python daily.", out, sizeof out),
                        "Python");
    assert_string_equal(find_asked(d, "Neither Java nor Kotlin required; Python", out, sizeof out),
                        "Python");
    assert_string_equal(
        find_asked(d, "Java, Kotlin and Scala are a plus but not required", out, sizeof out), "");
    /* ... and only that list: what is asked for around it stays asked for */
    assert_string_equal(find_asked(d, "Python, no Java", out, sizeof out), "Python");
    assert_string_equal(find_asked(d, "Docker, and no Kubernetes", out, sizeof out), "Docker");
    assert_string_equal(find_asked(d, "No Java, Python daily", out, sizeof out), "Python");
    assert_string_equal(find_asked(d, "SQL, not NoSQL, and Python", out, sizeof out), "Python|SQL");
    assert_string_equal(find_asked(d, "Python (no Django) and Flask", out, sizeof out),
                        "Python|Flask");
    assert_string_equal(find_asked(d, "No Java - Kotlin and Scala instead", out, sizeof out),
                        "Kotlin|Scala");
    assert_string_equal(find_asked(d, "Python, Go and Rust, no Java", out, sizeof out),
                        "Python|Go|Rust");
    /* session 36: "zero" and "unfamiliar" as negations, not in "zero-downtime" or "an
       unfamiliar codebase" */
    assert_string_equal(find_asked(d, "Zero experience in Rust needed; Python.", out, sizeof out),
                        "Python");
    assert_string_equal(
        find_asked(d, "Unfamiliar with Go? We teach it. Python required.", out, sizeof out),
        "Python");
    assert_string_equal(find_asked(d, "Zero-downtime deploys on Kubernetes", out, sizeof out),
                        "Kubernetes");
    assert_string_equal(find_asked(d, "Zero downtime on Kubernetes", out, sizeof out),
                        "Kubernetes");
    assert_string_equal(find_asked(d, "Port an unfamiliar codebase to Go", out, sizeof out), "Go");
    /* session 37: "so" ends the clause a negation covers */
    assert_string_equal(find_asked(d, "No Java needed so you will write Kotlin", out, sizeof out),
                        "Kotlin");
    /* thirty-eighth round: German, French, Spanish and Italian negations and "but" */
    assert_string_equal(
        find_asked(d, "Keine Java-Kenntnisse erforderlich, aber Python.", out, sizeof out),
        "Python");
    assert_string_equal(find_asked(d, "Pas de PHP; Python et Django", out, sizeof out),
                        "Python|Django");
    assert_string_equal(find_asked(d, "Sin experiencia en Scala, Kotlin o Java", out, sizeof out),
                        "");
    assert_string_equal(find_asked(d, "Senza Kotlin ma con Python", out, sizeof out), "");
    /* ... and English words that start the same way are no negation */
    assert_string_equal(find_asked(d, "Sins of Java; Passing Python; Kein Go", out, sizeof out),
                        "Python|Java");
    /* without a negation, the same skills as skills_find_in_text */
    const char *text = "Docker and Kubernetes (k8s) on AWS, c++, c#, .net, node.js";
    char plain[1024];
    assert_string_equal(find_asked(d, text, out, sizeof out), find(d, text, plain, sizeof plain));
    assert_string_equal(find_asked(d, NULL, out, sizeof out), "");
    assert_string_equal(find_asked(d, "", out, sizeof out), "");
}

/* The same for the skills a résumé claims (skills_find_claimed). */
static const char *find_claimed(const struct skills_dict *d, const char *text, char *out, size_t n)
{
    const char *found[64];
    return joined(found, skills_find_claimed(d, text, found, 64), out, n);
}

/* session 35: a résumé saying "No Java experience", "currently learning Kubernetes",
 * "Interests: Rust" or "I want to learn Python" gave the writer those skills (extracted_skills,
 * then the profile through apply-skills, so the gap and the ranking counted them as had) */
static void test_find_claimed(void **state)
{
    const struct skills_dict *d = skills_default();
    char out[1024];
    /* negations, as in a posting */
    assert_string_equal(find_claimed(d, "No Java experience; I work in Python.", out, sizeof out),
                        "Python");
    assert_string_equal(
        find_claimed(d, "Not familiar with Angular; never used Vue. React daily.", out, sizeof out),
        "React");
    assert_string_equal(
        find_claimed(d, "Deployed PHP apps without Docker or Kubernetes.", out, sizeof out), "PHP");
    /* what the writer is learning or would like to */
    assert_string_equal(find_claimed(d,
                                     "Python, Docker\nCurrently learning Kubernetes and Terraform.",
                                     out, sizeof out),
                        "Python|Docker");
    assert_string_equal(find_claimed(d, "I'm learning Go. I write Java.", out, sizeof out), "Java");
    assert_string_equal(find_claimed(d, "Learning Rust on weekends", out, sizeof out), "");
    assert_string_equal(
        find_claimed(d, "I want to learn Python and Machine Learning next year.", out, sizeof out),
        "");
    /* a label rules out the rest of its line, not the next one */
    assert_string_equal(
        find_claimed(d, "Interests: Rust, chess, Haskell\nSkills: Go, SQL", out, sizeof out),
        "Go|SQL");
    assert_string_equal(find_claimed(d, "Learning: Rust, Go\nPython", out, sizeof out), "Python");
    /* learning as a skill or a field is no cue; a label without one is no label */
    assert_string_equal(
        find_claimed(d, "Machine learning with Python; deep learning in PyTorch.", out, sizeof out),
        find(d, "Machine learning with Python; deep learning in PyTorch.", out + 512, 512));
    assert_string_equal(find_claimed(d, "Built an e-learning platform in Django.", out, sizeof out),
                        "Django");
    assert_string_equal(find_claimed(d, "Languages: Python, Go", out, sizeof out), "Python|Go");
    /* session 35, second wave: a negation or "learning" covers the list it governs */
    assert_string_equal(find_claimed(d, "No Java, Kotlin or Scala experience", out, sizeof out),
                        "");
    assert_string_equal(find_claimed(d, "Basic knowledge: none of Java", out, sizeof out), "");
    assert_string_equal(find_claimed(d, "No experience with Java, Kotlin or Scala; I write Python.",
                                     out, sizeof out),
                        "Python");
    assert_string_equal(
        find_claimed(d, "Never touched React, Vue or Angular, but Svelte daily", out, sizeof out),
        "Svelte");
    assert_string_equal(find_claimed(d, "No Docker, Kubernetes, Helm", out, sizeof out), "");
    assert_string_equal(
        find_claimed(d, "Worked without Spring, Hibernate and Maven; plain Java.", out, sizeof out),
        "Java");
    assert_string_equal(find_claimed(d, "Learning Rust, Go and Zig; I write Java", out, sizeof out),
                        "Java");
    assert_string_equal(
        find_claimed(d, "Docker, without Kafka, RabbitMQ or NATS: plain gRPC.", out, sizeof out),
        "gRPC|Docker");
    /* ... and only that list: the true claims around it stay */
    assert_string_equal(find_claimed(d, "Java, no Kotlin", out, sizeof out), "Java");
    assert_string_equal(find_claimed(d, "Python (no Django)", out, sizeof out), "Python");
    assert_string_equal(find_claimed(d, "not only Java but also Go", out, sizeof out), "Java|Go");
    assert_string_equal(find_claimed(d, "Docker, and no Kubernetes", out, sizeof out), "Docker");
    assert_string_equal(find_claimed(d, "Java & Kotlin, no Scala", out, sizeof out), "Java|Kotlin");
    assert_string_equal(find_claimed(d, "Java, Kotlin and no Scala", out, sizeof out),
                        "Java|Kotlin");
    /* session 36: "zero experience", "unfamiliar with", "never used", "no exposure to" and a
       "(learning)" note after a skill */
    assert_string_equal(
        find_claimed(d, "Zero experience in Rust; I write Python.", out, sizeof out), "Python");
    assert_string_equal(find_claimed(d, "Zero Kafka experience, plenty of Python", out, sizeof out),
                        "Python");
    assert_string_equal(find_claimed(d, "Unfamiliar with Go. Java daily.", out, sizeof out),
                        "Java");
    assert_string_equal(
        find_claimed(d, "I am unfamiliar with Kubernetes but use Docker.", out, sizeof out),
        "Docker");
    assert_string_equal(find_claimed(d, "never used Kafka, Python daily", out, sizeof out),
                        "Python");
    assert_string_equal(find_claimed(d, "No exposure to Scala; Java daily.", out, sizeof out),
                        "Java");
    assert_string_equal(find_claimed(d, "Go, Rust (beginner, learning), Python", out, sizeof out),
                        "Python|Go");
    assert_string_equal(find_claimed(d, "Python and Rust (currently learning)", out, sizeof out),
                        "Python");
    /* ... and only those */
    assert_string_equal(find_claimed(d, "Rust (beginner), Python", out, sizeof out), "Python|Rust");
    assert_string_equal(
        find_claimed(d, "Zero-downtime deploys with Kubernetes; zero-copy Rust.", out, sizeof out),
        "Rust|Kubernetes");
    assert_string_equal(find_claimed(d, "Shipped an unfamiliar codebase in Go.", out, sizeof out),
                        "Go");
    assert_string_equal(find_claimed(d, "Machine learning (PyTorch), Python", out, sizeof out),
                        find(d, "Machine learning (PyTorch), Python", out + 512, 512));
    /* session 37: a negation's clause ends at "so", "and then" and "whereas" too, but not at
       "so far" or "not so" */
    assert_string_equal(
        find_claimed(d, "The team was unfamiliar with Go so I taught them Go.", out, sizeof out),
        "Go");
    assert_string_equal(
        find_claimed(d, "No Kotlin at first and then I wrote Kotlin daily", out, sizeof out),
        "Kotlin");
    assert_string_equal(find_claimed(d, "Never used Scala, whereas Java daily", out, sizeof out),
                        "Java");
    assert_string_equal(find_claimed(d, "No Rust so far; Python daily", out, sizeof out), "Python");
    assert_string_equal(find_claimed(d, "I am not so familiar with Rust", out, sizeof out), "");
    assert_string_equal(find_claimed(d, "No Java so Kotlin instead", out, sizeof out), "Kotlin");
    /* thirty-eighth round: résumés in German, French, Spanish and Italian ... */
    assert_string_equal(
        find_claimed(d, "Keine Erfahrung mit Scala, aber täglich Python.", out, sizeof out),
        "Python");
    assert_string_equal(find_claimed(d, "Ohne Docker-Erfahrung gestartet", out, sizeof out), "");
    assert_string_equal(find_claimed(d, "Go, Rust (lerne ich gerade)", out, sizeof out), "Go");
    assert_string_equal(find_claimed(d, "Ich lerne Rust. Java", out, sizeof out), "Java");
    assert_string_equal(
        find_claimed(d, "Aucune expérience avec Angular. Pas de Java. Sans Kafka", out, sizeof out),
        "");
    assert_string_equal(find_claimed(d, "J'apprends Rust; React", out, sizeof out), "React");
    assert_string_equal(
        find_claimed(d, "Sin experiencia en Scala. Aprendiendo Go. Ningún PHP", out, sizeof out),
        "");
    assert_string_equal(
        find_claimed(d, "Ninguna experiencia con Java, Kotlin o Scala; Python", out, sizeof out),
        "Python");
    assert_string_equal(
        find_claimed(d, "Senza esperienza di Kotlin. Nessuna esperienza con Java", out, sizeof out),
        "");
    assert_string_equal(find_claimed(d, "Sto imparando Go; Python", out, sizeof out), "Python");
    /* ... a table row whose cell after the skills denies them ... */
    assert_string_equal(
        find_claimed(d, "Python - 5 years\nKotlin - No experience", out, sizeof out), "Python");
    assert_string_equal(find_claimed(d, "Rust | None (learning)\nGo | 3 years", out, sizeof out),
                        "Go");
    assert_string_equal(
        find_claimed(d, "| Python | Daily |\n| Java, C# | Not used |", out, sizeof out), "Python");
    assert_string_equal(find_claimed(d, "Kotlin \xe2\x80\x93 keine Erfahrung", out, sizeof out),
                        "");
    assert_string_equal(find_claimed(d, "Scala: none. Java: daily", out, sizeof out), "Java");
    assert_string_equal(find_claimed(d, "Kotlin - no experience at all yet", out, sizeof out), "");
    /* ... but not a cell whose negation is about a skill it names, or about more */
    assert_string_equal(find_claimed(d, "Python - no Django, Flask", out, sizeof out),
                        "Python|Flask");
    assert_string_equal(find_claimed(d, "AWS: no certification, 4 years hands-on", out, sizeof out),
                        "AWS");
    assert_string_equal(find_claimed(d, "Node.js - no framework, plain http", out, sizeof out),
                        "Node.js");
    /* ... nor an idiom: "pas mal de" (a fair amount), "sin embargo" (however) */
    assert_string_equal(find_claimed(d, "Pas mal de Python. Sin embargo, Go", out, sizeof out),
                        "Python|Go");
    assert_string_equal(find_claimed(d, "Daily: Python, Go. Weekends: none", out, sizeof out),
                        "Python|Go");
    /* ... and a company's legal form after its name is no skill */
    assert_string_equal(find_claimed(d, "Stage, Rhône Digital SAS, Lyon (Python)", out, sizeof out),
                        "Python");
    assert_string_equal(find_claimed(d, "Acme SAS | 2020 - 2023", out, sizeof out), "");
    assert_string_equal(
        find_claimed(d, "Tools: SQL, Base SAS, SPSS. Used SAS daily", out, sizeof out),
        find(d, "SQL, SAS, SPSS", out + 512, 512));
    /* claimed elsewhere, it is claimed */
    assert_string_equal(find_claimed(d, "Learning Go. Go services in production.", out, sizeof out),
                        "Go");
    assert_string_equal(find_claimed(d, NULL, out, sizeof out), "");
}

/* session 35: "C/C++" in a profile was one unknown skill, so the gap told a C++ developer to
 * learn C and C++ */
static void test_parts(void **state)
{
    const struct skills_dict *d = skills_default();
    const char *out[8];
    assert_int_equal(skills_parts(d, "C/C++", out, 8), 2);
    assert_string_equal(out[0], "C");
    assert_string_equal(out[1], "C++");
    assert_int_equal(skills_parts(d, " docker , k8s,Docker", out, 8), 2);
    assert_string_equal(out[0], "Docker");
    assert_string_equal(out[1], "Kubernetes");
    assert_int_equal(skills_parts(d, "C/C++", out, 1), 1); /* at most max */
    /* a skill itself, no separator, a part that is no skill, an empty part: no compound; out
       is left alone */
    out[0] = "kept";
    assert_int_equal(skills_parts(d, "CI/CD", out, 8), 0);
    assert_int_equal(skills_parts(d, "Python", out, 8), 0);
    assert_int_equal(skills_parts(d, "C/Cobolish", out, 8), 0);
    assert_int_equal(skills_parts(d, "C//C++", out, 8), 0);
    assert_int_equal(skills_parts(d, NULL, out, 8), 0);
    assert_string_equal(out[0], "kept");
}

static void test_parse(void **state)
{
    struct skills_dict *d = skills_load(small, strlen(small));
    /* JavaScript Python Go C++ C C# Machine learning Node.js .NET Duplicate NoAliases */
    assert_int_equal(skills_count(d), 11);
    assert_string_equal(skills_name(d, 0), "JavaScript");
    assert_string_equal(skills_name(d, 1), "Python");
    assert_string_equal(skills_name(d, 10), "NoAliases");
    assert_null(skills_name(d, 11));
    assert_string_equal(skills_canonical(d, "JS"), "JavaScript");
    assert_string_equal(skills_canonical(d, "  ecmascript "), "JavaScript");
    assert_string_equal(skills_canonical(d, "PY"), "Python");
    assert_string_equal(skills_canonical(d, "python3"), "Python");
    assert_string_equal(skills_canonical(d, "go"), "Go"); /* '!' only affects free text */
    assert_string_equal(skills_canonical(d, "GOLANG"), "Go");
    assert_string_equal(skills_canonical(d, "machine   learning"), "Machine learning");
    assert_string_equal(skills_canonical(d, "noaliases"), "NoAliases");
    assert_string_equal(skills_canonical(d, "c#"), "C#");
    assert_string_equal(skills_canonical(d, ".net"), ".NET");
    assert_null(skills_canonical(d, "nameless"));
    assert_null(skills_canonical(d, "cobol"));
    assert_null(skills_canonical(d, ""));
    assert_null(skills_canonical(d, NULL));
    skills_free(d);
}

static void test_keys(void **state)
{
    struct skills_dict *d = skills_load(small, strlen(small));
    char out[64];
    assert_string_equal(skills_key(d, "js", out, sizeof out), "JavaScript");
    assert_string_equal(skills_key(d, "  Fortran   90 ", out, sizeof out), "fortran 90");
    assert_string_equal(skills_key(d, "ÉLIXIR", out, sizeof out), "élixir");
    assert_string_equal(skills_key(d, NULL, out, sizeof out), "");
    char tiny[4];
    assert_string_equal(skills_key(d, "Haskell", tiny, sizeof tiny), "has");
    assert_string_equal(skills_key(d, "x", out, 0), "");
    skills_free(d);
}

static void test_find_small(void **state)
{
    struct skills_dict *d = skills_load(small, strlen(small));
    char out[256];
    assert_string_equal(find(d, "We are going places", out, sizeof out), "");
    assert_string_equal(find(d, "Write Go and golang", out, sizeof out), "Go");
    assert_string_equal(find(d, "let's go", out, sizeof out), "");
    assert_string_equal(find(d, "C++ and c++17", out, sizeof out), "C++");
    assert_string_equal(find(d, "Modern C++ only", out, sizeof out), "C++");
    assert_string_equal(find(d, "C, C# and C++", out, sizeof out), "C++|C|C#");
    assert_string_equal(find(d, "Node.js, nodejs", out, sizeof out), "Node.js");
    assert_string_equal(find(d, "ASP.NET is not .NET alone", out, sizeof out), ".NET");
    assert_string_equal(find(d, "asp.net", out, sizeof out), "");
    assert_string_equal(find(d, "Machine\n  Learning and ML", out, sizeof out), "Machine learning");
    assert_string_equal(find(d, "machinelearning", out, sizeof out), "");
    assert_string_equal(find(d, "Python/JavaScript; py.", out, sizeof out), "JavaScript|Python");
    assert_string_equal(find(d, "C-level exec", out, sizeof out), "");
    assert_string_equal(find(d, "Objective-C", out, sizeof out), "");
    assert_string_equal(find(d, "JSON", out, sizeof out), "");
    assert_string_equal(find(d, "", out, sizeof out), "");
    assert_string_equal(find(d, NULL, out, sizeof out), "");
    const char *one[1];
    assert_int_equal(skills_find_in_text(d, "python js", one, 1), 1);
    assert_string_equal(one[0], "JavaScript"); /* dictionary order, then cut at max */
    skills_free(d);
}

/* The lookup by a key's head (its leading letters and digits: skills.c, head_len): only the whole
 * run of letters and digits at a word start finds a key, whatever follows the head; keys
 * without a head (".NET", "Élan") are still found; a dictionary of more skills than the
 * finder's bits on the stack keeps dictionary order. */
static void test_find_heads(void **state)
{
    static const char text[] = "Élan: elan\n"
                               "R&D: r and d\n"
                               "R\n"
                               "Python: python3\n"
                               "Node.js: node\n"
                               ".NET\n"
                               "CI/CD: ci-cd\n";
    struct skills_dict *d = skills_load(text, strlen(text));
    char out[256];
    assert_string_equal(find(d, "PYTHON3 and python", out, sizeof out), "Python");
    assert_string_equal(find(d, "python3x Python_3 python3.8", out, sizeof out), "");
    assert_string_equal(find(d, "R&D, R and   D", out, sizeof out), "R&D");
    assert_string_equal(find(d, "R, then r&b", out, sizeof out), "R");
    assert_string_equal(find(d, "node.jsx and node.", out, sizeof out), "Node.js");
    assert_string_equal(find(d, "ci-cd", out, sizeof out), "CI/CD");
    assert_string_equal(find(d, "CI/CD", out, sizeof out), "CI/CD");
    assert_string_equal(find(d, "ci/cdx", out, sizeof out), "");
    assert_string_equal(find(d, "élan, ÉLAN", out, sizeof out), "Élan");
    assert_string_equal(find(d, "x.NET .net", out, sizeof out), ".NET");
    assert_string_equal(find(d, "élan R python3 .NET node", out, sizeof out), /* case: ASCII */
                        "Élan|R|Python|Node.js|.NET");
    skills_free(d);

    enum { MANY = 5000 };
    static char many[MANY * 8];
    size_t used = 0;
    for (int i = 0; i < MANY; i++)
        used += (size_t)snprintf(many + used, sizeof many - used, "s%04d\n", i);
    d = skills_load(many, used);
    assert_int_equal(skills_count(d), MANY);
    assert_string_equal(find(d, "s4999, s0001 and s4999; s0064", out, sizeof out),
                        "s0001|s0064|s4999");
    skills_free(d);
}

static void test_default_dictionary(void **state)
{
    const struct skills_dict *d = skills_default();
    assert_ptr_equal(d, skills_default());
    assert_true(skills_count(d) >= 200);
    assert_string_equal(skills_canonical(d, "k8s"), "Kubernetes");
    assert_string_equal(skills_canonical(d, "postgres"), "PostgreSQL");
    assert_string_equal(skills_canonical(d, "golang"), "Go");
    assert_string_equal(skills_canonical(d, "reactjs"), "React");
    /* session 35: "Python 3" typed in a profile was a skill of its own, so Python was missing */
    assert_string_equal(skills_canonical(d, "Python 3"), "Python");
    assert_string_equal(skills_canonical(d, "ML"), "Machine learning");
    char out[1024];
    assert_string_equal(
        find(d, "Experience with machine learning and Python required", out, sizeof out),
        "Python|Machine learning");
    assert_string_equal(find(d, "c++, c#, .net, node.js", out, sizeof out), "C++|C#|Node.js|.NET");
    assert_string_equal(find(d, "We're going to grow", out, sizeof out), "");
    assert_string_equal(find(d, "Salesforce admin", out, sizeof out), "Salesforce");
    assert_string_equal(find(d, "Docker and Kubernetes (k8s) on AWS", out, sizeof out),
                        "AWS|Docker|Kubernetes");
    assert_string_equal(find(d, "Ruby on Rails, React Native", out, sizeof out),
                        "React Native|Ruby on Rails");
    /* the two-byte index: a key whose second byte is a space matches any whitespace there, a
       one-letter key anywhere a word ends, an exact key only in its spelling */
    assert_string_equal(find(d, "the r\tlanguage and c\n  language", out, sizeof out), "C|R");
    assert_string_equal(find(d, "C, then R", out, sizeof out), "C|R");
    assert_string_equal(find(d, "GO or go, but Go", out, sizeof out), "Go");
    assert_string_equal(find(d, "k", out, sizeof out), "");
    assert_string_equal(find(d, "K8S", out, sizeof out), "Kubernetes");
    /* issue 13: phrases an ad uses for something else are not the skills they resemble */
    assert_string_equal(find(d, "Experience with distributed systems: retries", out, sizeof out),
                        "Distributed systems");
    assert_string_equal(find(d, "Kubernetes operations and its caching strategy", out, sizeof out),
                        "Caching|Kubernetes");
    assert_string_equal(
        find(d, "WCAG 2.2 AA compliance, CSS embedded in partner sites", out, sizeof out),
        "CSS|Accessibility");
}

/* ================================================================ keys, display, top */

static void test_key_and_display(void **state)
{
    const struct skills_dict *d = skills_default();
    char key[SKILLS_KEY_MAX], shown[SKILLS_KEY_MAX];
    /* one skill, one key: aliases and any case fold to the canonical name */
    assert_string_equal(skills_key(d, "  postgres ", key, sizeof key), "PostgreSQL");
    assert_string_equal(skills_key(d, "gcp", key, sizeof key), "Google Cloud Platform");
    assert_string_equal(skills_key(d, "airflow", key, sizeof key), "Apache Airflow");
    assert_string_equal(skills_key(d, "ci/cd", key, sizeof key), "CI/CD");
    /* outside the dictionary: folded (Unicode simple folding), whitespace collapsed */
    assert_string_equal(skills_key(d, "Acme  Forms", key, sizeof key), "acme forms");
    assert_string_equal(skills_key(d, "ÉCOLE Tools", key, sizeof key), "école tools");
    assert_string_equal(skills_key(d, "   ", key, sizeof key), "");
    assert_string_equal(skills_key(d, NULL, key, sizeof key), "");
    /* shown: canonical display case, else the user's spelling (never lower-cased) */
    assert_string_equal(skills_display(d, "POSTGRESQL", shown, sizeof shown), "PostgreSQL");
    assert_string_equal(skills_display(d, "google cloud", shown, sizeof shown),
                        "Google Cloud Platform");
    assert_string_equal(skills_display(d, " Acme   Forms ", shown, sizeof shown), "Acme Forms");
    assert_string_equal(skills_display(d, "Löwe API", shown, sizeof shown), "Löwe API");
    assert_string_equal(skills_display(d, NULL, shown, sizeof shown), "");
    /* cut on a character boundary: "abcé" is 5 bytes, é never split */
    char cut[5];
    assert_string_equal(skills_key(d, "abc\xc3\xa9", cut, sizeof cut), "abc");
    assert_string_equal(skills_display(d, "ABC\xc3\x89", cut, sizeof cut), "ABC");
    assert_string_equal(skills_display(d, "ABCDEFG", cut, sizeof cut), "ABCD");
    char big[300];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(strlen(skills_key(d, big, key, sizeof key)), SKILLS_KEY_MAX - 1);
    /* found by fuzz/fuzz_skills.c: a cut that ends after a space left it at the end, and the
     * key of that key (trimmed) was another key; a key is now its own key */
    const char *sentence =
        "Backend engineer with 8+ years of experience building reliable services";
    char again[SKILLS_KEY_MAX];
    skills_key(d, sentence, key, sizeof key);
    assert_string_equal(key, "backend engineer with 8+ years of experience building reliable");
    assert_string_equal(skills_key(d, key, again, sizeof again), key);
    assert_string_equal(skills_display(d, sentence, shown, sizeof shown),
                        "Backend engineer with 8+ years of experience building reliable");
}

static void test_marks(void **state)
{
    static const char text[] = "Python: py\nGo: golang\nRust\nBack-end development: backend\n"
                               "#@top: Go, Python\n"
                               "  #@top: python, Nonexistent, Go, Rust  \n"
                               "#@field: Back-end development, back-end development\n";
    struct skills_dict *d = skills_load(text, strlen(text));
    assert_int_equal(skills_top_count(d), 3);
    assert_int_equal(skills_top_rank(d, "golang"), 1);
    assert_int_equal(skills_top_rank(d, "PY"), 2);
    /* "python" is not the exact canonical spelling, the second Go is a repeat: ignored */
    assert_int_equal(skills_top_rank(d, "Rust"), 3);
    assert_int_equal(skills_top_rank(d, "Nonexistent"), 0);
    assert_int_equal(skills_count(d), 4); /* the marks are not skills */
    assert_true(skills_is_field(d, "BACKEND"));
    assert_false(skills_is_field(d, "Python"));
    assert_false(skills_is_field(d, "Nonexistent"));
    skills_free(d);
    /* the shipped dictionary marks exactly 150 */
    const struct skills_dict *shipped = skills_default();
    assert_int_equal(skills_top_count(shipped), 150);
    assert_int_equal(skills_top_rank(shipped, "python"), 1);
    assert_true(skills_top_rank(shipped, "gcp") > 0);
    assert_true(skills_top_rank(shipped, "Kotlin") > 0);
    assert_int_equal(skills_top_rank(shipped, "COBOL"), 0);
    assert_true(skills_is_field(shipped, "backend"));
    assert_true(skills_is_field(shipped, "frontend"));
    assert_false(skills_is_field(shipped, "Distributed systems"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_key_and_display),
        cmocka_unit_test(test_marks),
        cmocka_unit_test(test_parse),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_find_small),
        cmocka_unit_test(test_find_heads),
        cmocka_unit_test(test_default_dictionary),
        cmocka_unit_test(test_find_asked),
        cmocka_unit_test(test_find_claimed),
        cmocka_unit_test(test_parts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
