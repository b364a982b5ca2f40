/* A candidate, a résumé and a job as the content tests need them (tests/unit/core/test_templates.c,
 * tests/unit/model/test_content.c). Include after core/templates.h. */
#ifndef COPILOT_TESTS_TEMPLATE_CONTEXT_H
#define COPILOT_TESTS_TEMPLATE_CONTEXT_H

static const char *const profile_skills[] = {"Python", "SQL", "Docker"};
static const char *const resume_skills[] = {"python", "Terraform", "Go"};
static const char *const job_stack[] = {"Kubernetes", "python", "SQL", "Rust"};

static struct template_context with_job(void)
{
    return (struct template_context){
        .name = "Ada Lovelace",
        .email = "ada@example.com",
        .experience_level = "senior",
        .skills = profile_skills,
        .nskills = 3,
        .resume_skills = resume_skills,
        .nresume_skills = 3,
        .company = "Acme",
        .title = "Backend Engineer",
        .location = "Berlin",
        .job_skills = job_stack,
        .njob_skills = 4,
        .job_text = "You know Terraform and go the extra mile.",
    };
}

#endif
