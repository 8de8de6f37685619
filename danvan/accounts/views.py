from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render


def otp_verify(request):
    return HttpResponse(status=501)


def otp_setup(request):
    return HttpResponse(status=501)


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {})


@login_required
def user_list(request):
    return HttpResponse(status=501)
