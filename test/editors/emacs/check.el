;;; check.el --- drives the README's eglot recipe in batch Emacs -*- lexical-binding: t -*-
;; emacs --batch -l user.el -l recipe.el -l check.el, where user.el stands for the user's own Python setup and
;; recipe.el is the README's block unchanged. Opens each file the way a user would (find-file, then the
;; post-command-hook that eglot-ensure waits for, which batch Emacs never runs by itself), waits for diagnostics and
;; prints one JSON line: per buffer, its major mode, the command of the eglot server managing it (null: none), and
;; the codes flymake shows.
;;   EDITOR_CHECK_FILES (JSON object label -> path), EDITOR_CHECK_EXPECTING (JSON list of labels that must get
;;   diagnostics), EDITOR_CHECK_TIMEOUT (seconds, default 15)
(require 'json)
(setq python-indent-guess-indent-offset nil
      eglot-sync-connect 15          ; connect before the next buffer opens, as a user's pause would
      eglot-events-buffer-size 0)
(defun editor-check-codes (buffer)
  (with-current-buffer buffer
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (mapcar (lambda (diagnostic)
              (let ((lsp (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data diagnostic)))))
                (plist-get lsp :code)))
            (and (fboundp 'flymake-diagnostics) (flymake-diagnostics)))))
(defun editor-check-server (buffer)
  (with-current-buffer buffer
    (let ((server (and (fboundp 'eglot-current-server) (eglot-current-server))))
      (and server (vconcat (process-command (jsonrpc--process server)))))))
(let* ((json-object-type 'alist) (json-key-type 'string)
       (files (json-read-from-string (getenv "EDITOR_CHECK_FILES")))
       (expecting (append (json-read-from-string (getenv "EDITOR_CHECK_EXPECTING")) nil))
       (timeout (string-to-number (or (getenv "EDITOR_CHECK_TIMEOUT") "15")))
       (buffers nil) (out nil) (ok t) (err nil))
  (condition-case failure
      (progn
        (dolist (entry files)
          (let ((buffer (find-file-noselect (cdr entry))))
            (push (cons (car entry) buffer) buffers)
            (with-current-buffer buffer (run-hooks 'post-command-hook))))
        (let ((deadline (+ (float-time) timeout)))
          ;; Every buffer waits for a server (eglot's connect returns early on any process output) and the
          ;; expected ones for diagnostics too.
          (while (and (< (float-time) deadline)
                      (not (and (seq-every-p (lambda (entry) (editor-check-server (cdr entry))) buffers)
                                (seq-every-p (lambda (label) (editor-check-codes (cdr (assoc label buffers))))
                                             expecting))))
            (accept-process-output nil 0.1))))
    (error (setq ok nil err (error-message-string failure))))
  (dolist (entry buffers)
    (push (cons (car entry)
                (list (cons "mode" (symbol-name (buffer-local-value 'major-mode (cdr entry))))
                      (cons "server" (editor-check-server (cdr entry)))
                      (cons "codes" (vconcat (editor-check-codes (cdr entry))))))
          out))
  (princ (concat (json-encode (list (cons "ok" (if ok t :json-false)) (cons "error" err)
                                    (cons "buffers" out)))
                 "\n"))
  (when (fboundp 'eglot-shutdown-all) (ignore-errors (eglot-shutdown-all)))
  (kill-emacs (if ok 0 1)))
