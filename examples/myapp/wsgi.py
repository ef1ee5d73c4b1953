"""A small Flask app, served by gunicorn as `myapp.wsgi:app`."""
import os

from flask import Flask, jsonify
from sqlalchemy import create_engine, text

engine = create_engine(os.environ.get("DATABASE_URL", "postgresql://app@localhost/app"), pool_size=5)

app = Flask(__name__)


@app.get("/health")
def health():
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    return jsonify(status="ok")
