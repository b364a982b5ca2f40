/* This file declares the few file-system helpers the server needs. */
#ifndef COPILOT_LIB_FS_H
#define COPILOT_LIB_FS_H

/* Creates directory path and its parents (mode 0750). Returns 0 or -1 with errno. */
int fs_mkdirs(const char *path);
/* Removes path and everything below it; a missing path is not an error. Returns 0 or -1. */
int fs_remove_tree(const char *path);

#endif
