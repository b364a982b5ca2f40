/*
 * Fuzzes multipart/form-data upload handling: src/http/upload.c (http_upload_file, on
 * libmicrohttpd's post processor, which needs a real connection) and what POST /resumes does
 * with the part it finds (its type by content, filetype_detect; its display name,
 * resume_display_filename). The input's first line is the Content-Type header value (with its
 * boundary), the rest the body. A libmicrohttpd daemon of this process, run in the caller's
 * thread (no listening socket), is handed one end of a socket pair per input; the harness
 * writes the request into the other end and turns the daemon's loop until the answer is back,
 * so every input runs the same code as the server, in one thread.
 * Properties: http_upload_file answers the part (NUL-terminated, its length right, its filename
 * and type as the client sent them), ERR_UNSUPPORTED for a body that is not multipart, or
 * ERR_BAD_REQUEST / ERR_INVALID naming a field for a malformed one (file, missing or sent twice,
 * or the first part called anything else: SPEC part B's unknown field); a display name is valid
 * UTF-8 without a slash or a control character; the type of the part is one of the known ones.
 */
#include "fuzz.h"

#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include "core/filetype.h"
#include "http/request.h"
#include "http/upload.h"
#include "model/resume_parse.h"

static struct MHD_Daemon *server;
static int handled; /* the access handler's last call ran for this input */

static void check_part(const struct upload *up)
{
    FUZZ_CHECK(up->data != NULL && up->data[up->len] == '\0');
    enum filetype type = filetype_detect(up->data, up->len, up->filename);
    FUZZ_CHECK(type >= FILETYPE_UNKNOWN && type <= FILETYPE_MD);
    if (type != FILETYPE_UNKNOWN)
        FUZZ_CHECK(filetype_name(type) && filetype_media_type(type));
    struct arena a;
    arena_init(&a);
    const char *name = resume_display_filename(up->filename, type ? type : FILETYPE_TXT, &a);
    size_t len = strlen(name);
    FUZZ_CHECK(len > 0 && fuzz_utf8_valid(name, len));
    for (const char *p = name; *p; p++)
        FUZZ_CHECK(*p != '/' && *p != '\\' && (unsigned char)*p >= 0x20 && *p != 0x7F);
    arena_free(&a);
}

static enum MHD_Result on_access(void *cls, struct MHD_Connection *connection, const char *url,
                                 const char *method, const char *version, const char *upload_data,
                                 size_t *upload_size, void **state)
{
    struct buf *body = *state;
    if (body == NULL) {
        body = calloc(1, sizeof *body);
        FUZZ_CHECK(body != NULL);
        buf_init(body);
        *state = body;
        return MHD_YES;
    }
    if (*upload_size) {
        buf_append(body, upload_data, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    struct request req = {.connection = connection, .method = method, .path = url};
    arena_init(&req.arena);
    req.body = *body; /* borrowed: freed by on_completed */
    struct upload up = {0};
    int rc = http_upload_file(&req, "file", &up);
    if (rc == 0)
        check_part(&up);
    else
        FUZZ_CHECK(rc == ERR_UNSUPPORTED || rc == ERR_BAD_REQUEST ||
                   (rc == ERR_INVALID && req.err.field != NULL));
    arena_free(&req.arena);
    handled = 1;
    struct MHD_Response *res = MHD_create_response_from_buffer(0, "", MHD_RESPMEM_PERSISTENT);
    enum MHD_Result ok = MHD_queue_response(connection, 200, res);
    MHD_destroy_response(res);
    return ok;
}

static void on_completed(void *cls, struct MHD_Connection *connection, void **state,
                         enum MHD_RequestTerminationCode why)
{
    struct buf *body = *state;
    if (body) {
        buf_free(body);
        free(body);
        *state = NULL;
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    signal(SIGPIPE, SIG_IGN);
    server =
        MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL, on_access, NULL,
                         MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
                         MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_END);
    FUZZ_CHECK(server != NULL);
    return 0;
}

static size_t open_connections(void)
{
    const union MHD_DaemonInfo *info =
        MHD_get_daemon_info(server, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
    return info ? info->num_connections : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 60000) /* the request must fit a socket buffer: the harness writes it at once */
        return 0;
    struct fuzz_input in = fuzz_input(data, size);
    size_t tlen;
    char *type = fuzz_piece(&in, '\n', &tlen);
    for (size_t i = 0; i < tlen; i++)
        if (type[i] == '\r' || type[i] == '\0')
            type[i] = ' ';
    struct buf request;
    buf_init(&request);
    buf_printf(&request,
               "POST /api/v1/resumes HTTP/1.1\r\nHost: fuzz\r\nConnection: close\r\n"
               "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
               type, in.n);
    buf_append(&request, in.p, in.n);

    int sv[2];
    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    struct sockaddr_in peer = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7F000001)};
    FUZZ_CHECK(MHD_add_connection(server, sv[1], (struct sockaddr *)&peer, sizeof peer) == MHD_YES);
    FUZZ_CHECK(write(sv[0], request.data, request.len) == (ssize_t)request.len);
    handled = 0;
    char answer[4096];
    for (int turns = 0; turns < 10000; turns++) {
        MHD_run(server);
        struct pollfd p = {.fd = sv[0], .events = POLLIN};
        if (poll(&p, 1, 0) == 1) {
            ssize_t n = read(sv[0], answer, sizeof answer);
            if (n <= 0)
                break; /* the server closed: the exchange is over */
        }
    }
    close(sv[0]);
    for (int turns = 0; turns < 1000 && open_connections() > 0; turns++)
        MHD_run(server);
    FUZZ_CHECK(open_connections() == 0);
    buf_free(&request);
    free(type);
    return 0;
}
