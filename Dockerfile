FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 DJANGO_SETTINGS_MODULE=perfony.settings.production
WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install --no-cache-dir . && useradd --system perfony && chown -R perfony /app
USER perfony
EXPOSE 8000
CMD ["gunicorn", "--config", "gunicorn.conf.py", "perfony.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
