"""The same kind of Flask app, this time built into an image and run by compose or Kubernetes."""
from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return jsonify(status="ok")
