"""Serves the officer app's shell page."""

from django.shortcuts import render


def shell(request):
    return render(request, "pwa/shell.html")
