def ui(request):
    return {"elder_mode": getattr(request, "elder_mode", False)}
