;;; lsp-check.el --- headless Emacs 28 + Debian elpa-eglot 1.9 against gunicorn-lint's server -*- lexical-binding: t -*-
;; Adapted from the shared e2e harness. eglot 1.9 has no pull diagnostics: this proves the publish fallback.
;; emacs --batch -Q -l /usr/share/emacs/site-lisp/elpa/eglot-1.9/eglot.el -l lsp-check.el
;; (or rely on Debian's site-start: emacs --batch -l lsp-check.el)
;; env: LSP_SERVER_JS (server.js), LSP_FILE, LSP_TIMEOUT (seconds, default 10),
;;      LSP_EXPECT_DIAGS (minimum diagnostics, default 1), LSP_EXPECT_CODE (a code that must be among them)
;; Prints one JSON object on stdout, exits 0/1.
(require 'eglot)
(require 'json)
(setq python-indent-guess-indent-offset nil
      eglot-sync-connect t          ; block until initialize returns
      eglot-connect-timeout 15
      eglot-events-buffer-size 0)
(defvar lsp-check-raw-diags nil)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq lsp-check-raw-diags (plist-get params :diagnostics)))))
(defun lsp-check-out (ok &rest kv)
  (princ (concat (json-encode (append (list :ok (if ok t :json-false)) kv)) "\n"))
  (kill-emacs (if ok 0 1)))
(condition-case err
    (let* ((file (expand-file-name (or (getenv "LSP_FILE") (error "LSP_FILE unset"))))
           (server-js (or (getenv "LSP_SERVER_JS") (error "LSP_SERVER_JS unset")))
           (timeout (string-to-number (or (getenv "LSP_TIMEOUT") "10")))
           (min-diags (string-to-number (or (getenv "LSP_EXPECT_DIAGS") "1")))
           (buf (find-file-noselect file)))
      (with-current-buffer buf
        (python-mode)
        (let* ((proj (eglot--current-project)) ; same lookup eglot uses to match buffers
               (server (eglot '(python-mode) proj 'eglot-lsp-server
                              (list "node" server-js "--stdio") "python"))
               (deadline (+ (float-time) timeout)))
          (while (and (< (length lsp-check-raw-diags) (max min-diags 1)) (< (float-time) deadline))
            (accept-process-output nil 0.05))
          (when (< (length lsp-check-raw-diags) min-diags)
            (error "timeout waiting for %d diagnostics" min-diags))
          (let ((code (getenv "LSP_EXPECT_CODE")))
            (when (and code (not (string= code ""))
                       (not (seq-some (lambda (d) (equal (plist-get d :code) code))
                                      (append lsp-check-raw-diags nil))))
              (error "no diagnostic with code %s" code)))
          ;; flymake only pulls diagnostics on its own schedule (post-command); force it.
          (flymake-start)
          (accept-process-output nil 0.2)
          (goto-char (point-min)) (forward-line 1) (forward-char 2)
          (let ((hover (jsonrpc-request server :textDocument/hover
                                        (eglot--TextDocumentPositionParams)
                                        :timeout timeout)))
            (lsp-check-out (and hover t)
                           :diagnostics lsp-check-raw-diags
                           :flymake (mapcar #'flymake-diagnostic-text (flymake-diagnostics))
                           :hover hover)))))
  (error (lsp-check-out nil :error (error-message-string err))))
