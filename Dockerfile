FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY coverage_app ./coverage_app
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=false SECRET_KEY=collectstatic-only DATABASE_URL=postgres://build@localhost/none \
    python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "coverage_app.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2"]
