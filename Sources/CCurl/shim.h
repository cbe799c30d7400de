#ifndef WORKBENCH_CCURL_SHIM_H
#define WORKBENCH_CCURL_SHIM_H
/* Typed wrappers around libcurl's variadic calls, which Swift cannot call directly. */
#include <curl/curl.h>

static inline CURLcode wb_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode wb_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode wb_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode wb_easy_setopt_ptr(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode wb_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode wb_easy_setopt_write(CURL *h, curl_write_callback f) { return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f); }
static inline CURLcode wb_easy_setopt_header(CURL *h, curl_write_callback f) { return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f); }
static inline CURLcode wb_easy_setopt_read(CURL *h, curl_read_callback f) { return curl_easy_setopt(h, CURLOPT_READFUNCTION, f); }
static inline CURLcode wb_easy_setopt_xferinfo(CURL *h, curl_xferinfo_callback f) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f); }
static inline CURLcode wb_easy_setopt_debug(CURL *h, curl_debug_callback f) { return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, f); }
static inline CURLcode wb_easy_setopt_mimepost(CURL *h, curl_mime *m) { return curl_easy_setopt(h, CURLOPT_MIMEPOST, m); }

static inline CURLcode wb_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode wb_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode wb_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLSHcode wb_share_setopt_long(CURLSH *s, CURLSHoption o, long v) { return curl_share_setopt(s, o, v); }
static inline CURLSHcode wb_share_setopt_lock(CURLSH *s, curl_lock_function f) { return curl_share_setopt(s, CURLSHOPT_LOCKFUNC, f); }
static inline CURLSHcode wb_share_setopt_unlock(CURLSH *s, curl_unlock_function f) { return curl_share_setopt(s, CURLSHOPT_UNLOCKFUNC, f); }
static inline CURLSHcode wb_share_setopt_ptr(CURLSH *s, CURLSHoption o, void *v) { return curl_share_setopt(s, o, v); }

static inline CURLMcode wb_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

/* One-time global set-up (CURL_GLOBAL_ALL is a macro expression Swift does not import). */
static inline CURLcode wb_global_init(void) { return curl_global_init(CURL_GLOBAL_ALL); }
/* libcurl's version number as text ("7.88.1"), from curl_version_info. */
static inline const char *wb_version_string(void) {
    curl_version_info_data *d = curl_version_info(CURLVERSION_NOW);
    return (d && d->version) ? d->version : "";
}
/* The result code of a finished transfer's CURLMSG_DONE message (a union member). */
static inline CURLcode wb_msg_result(const CURLMsg *m) { return m->data.result; }
/* The value libcurl's write callback returns to signal an error (7.87+). */
static inline size_t wb_writefunc_error(void) { return CURL_WRITEFUNC_ERROR; }
/* Read-callback return value that aborts the transfer. */
static inline size_t wb_readfunc_abort(void) { return CURL_READFUNC_ABORT; }

#endif
