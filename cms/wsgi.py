import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

from cms.static import serve_static_first  # noqa: E402

application = serve_static_first(get_wsgi_application())
