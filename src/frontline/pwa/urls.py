from django.urls import path

from frontline.pwa import views

app_name = "pwa"
urlpatterns = [path("", views.shell, name="shell")]
