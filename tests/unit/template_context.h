/* A candidate, a résumé and a job as the content tests need them (tests/unit/core/test_templates.c,
 * tests/unit/model/test_content.c). Include after core/templates.h. */
#ifndef COPILOT_TESTS_TEMPLATE_CONTEXT_H
#define COPILOT_TESTS_TEMPLATE_CONTEXT_H

static const char *const profile_skills[] = {"Python", "SQL", "Docker"};
static const char *const resume_skills[] = {"python", "Terraform", "Go"};
static const char *const job_stack[] = {"Kubernetes", "python", "SQL", "Rust"};
static const char *const wanted_places[] = {"Berlin, Germany", "Lisbon"};

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
        .role_title = "Data Engineer",
        .role_company = "Initech",
        .role_current = 1,
        .years = 7,
        .highlights = {{"Organised the team's summer party.", "Initech"},
                       {"Cut the nightly SQL load from 6 hours to 40 minutes with Python.",
                        "Initech"},
                       {"Leads the Terraform rollout for 30 services.", "Globex"}},
        .nhighlights = 3,
        .preferred_locations = wanted_places,
        .npreferred_locations = 2,
        .company = "Acme",
        .title = "Backend Engineer",
        .location = "Berlin",
        .remote_option = "hybrid",
        .job_skills = job_stack,
        .njob_skills = 4,
        .job_text = "You know Terraform and go the extra mile.",
    };
}

#endif
