from tests.matrix import Row

ROWS = [
    # The 工作台 is every logged-in user's home page: no permission needed.
    Row("core:home", permitted="nobody", noperm=None),
    # /healthz answers without login (load balancers, docker-compose).
    Row("healthz", permitted=None, noperm=None, anonymous=200),
]
