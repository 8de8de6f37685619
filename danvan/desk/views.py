from django.shortcuts import redirect, render

from danvan.units import selectors as units


def home(request):
    """Officials see their start page; anyone else the public site."""
    if not request.user.is_authenticated:
        return redirect("portal:home")
    return render(request, "desk/home.html", {"roots": units.unit_roots(request.user)})
