import os

import redis
from flask import Flask

app = Flask(__name__)
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://redis:6379/0"))


@app.get("/healthz")
def healthz():
    return {"ok": True}


@app.get("/")
def index():
    return {"hits": cache.incr("hits")}
