;;; user-setup.el --- what comes before the README's block in a user's Emacs -*- lexical-binding: t -*-
;; Interactive Emacs activates the installed packages (Debian's elpa-*) before reading init.el; batch Emacs does not.
(package-activate-all)
;; The user's own Python server, set up the usual way; here a stand-in that only answers initialize
;; (EDITOR_CHECK_PYTHON_SERVER names it), so the test can tell which server each buffer gets.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `(python-mode . ("node" ,(getenv "EDITOR_CHECK_PYTHON_SERVER")))))
(add-hook 'python-mode-hook #'eglot-ensure)
