from nuanxin.core.nav import Nav


def ui(request):
    return {"elder_mode": getattr(request, "elder_mode", False), "nav": Nav(request)}
