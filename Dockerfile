# The service in a container: `docker compose up` (compose.yaml) runs it with Redis.
FROM python:3.11-slim
WORKDIR /src
COPY pyproject.toml requirements.txt README.md LICENSE app.py gunicorn.conf.py ./
COPY domain domain
COPY intents intents
COPY handlers handlers
COPY store store
COPY service service
COPY web web
COPY ops ops
COPY outbound outbound
COPY assistant assistant
# the versions requirements.txt pins, not whatever `pip install .` would resolve today
RUN pip install --no-cache-dir -c requirements.txt . && useradd --system --home /data optout && mkdir -p /data \
    && chown optout /data
USER optout
# gunicorn.conf.py is read from here; the journal lives in /data (INSTANCE_PATH, a volume)
WORKDIR /src
ENV LOG_FORMAT=json GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
# workers, worker class, timeouts: gunicorn.conf.py (GUNICORN_*); it refuses a non-durable
# store once, in the master, under REQUIRE_DURABLE_STORE. --bind repeats GUNICORN_BIND for
# tests/test_container.py, which rebinds the command to a free port.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "app:create_app({'INSTANCE_PATH': '/data'})"]
