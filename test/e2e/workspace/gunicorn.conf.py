bind = "127.0.0.1:8000"
workers = 2
timout = 30
access_log_format = '%(h)s %(r)s %(s)s'
