// The signed-in user (GET /users/me), asked once per sign-in and shared by the views that
// need it (the admin link, the dashboard's goal, the résumé skills preview).

import { api, getToken } from './api.js';

let current = null;

/* The user object; asked again after forget(). */
export function currentUser() {
    if (!getToken()) return Promise.resolve(null);
    if (!current) {
        current = api.get('/users/me').catch((err) => {
            current = null;
            throw err;
        });
    }
    return current;
}

/* Forgets the cached user (after sign-in, sign-out or a profile change). */
export function forgetUser() {
    current = null;
}

/* Replaces the cached user with a fresh copy the caller already has. */
export function rememberUser(user) {
    current = Promise.resolve(user);
}
