# The service in a container: `docker compose up` (compose.yaml) runs it with Redis.
FROM python:3.11-slim
WORKDIR /src
COPY pyproject.toml README.md LICENSE app.py ./
COPY domain domain
COPY intents intents
COPY handlers handlers
COPY store store
COPY service service
COPY web web
COPY ops ops
COPY outbound outbound
COPY assistant assistant
RUN pip install --no-cache-dir . && useradd --system --home /data optout && mkdir -p /data \
    && chown optout /data
USER optout
WORKDIR /data
ENV LOG_FORMAT=json
EXPOSE 8000
# the journal of messages the store could not take lives in /data: keep it on a volume
CMD ["gunicorn", "--workers", "2", "--bind", "0.0.0.0:8000", "app:create_app({'INSTANCE_PATH': '/data'})"]
