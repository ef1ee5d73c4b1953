# gunicorn settings for the container: the same file in compose and in Kubernetes.
import multiprocessing

bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count() * 2 + 1
preload_app = True
graceful_timeout = 60
accesslog = "-"
