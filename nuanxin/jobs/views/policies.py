"""The policy calculator's pages (政策计算器, "What help can I get?"): the programmes, and for each
a few plain questions (a GET form: nothing is stored, no JavaScript) answered with what the
person may get, for how long, and what to bring. An estimate: the office decides."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from nuanxin.core.errors import DomainError
from nuanxin.core.pages import form_errors_from
from nuanxin.jobs import policies
from nuanxin.jobs.forms.policies import FactsForm
from nuanxin.jobs.selectors import policies as selectors

YES_NO = (("yes", gettext_lazy("Yes")), ("no", gettext_lazy("No")))




def policy_list(request):
    rows = [{"policy": p, "title": policies.TITLES.get(p.code, p.name)} for p in selectors.policies_in_force()]
    return render(request, "jobs/policy_list.html", {"rows": rows})


def policy_page(request, code: str):
    policy = selectors.policy(code)
    if policy is None:
        raise Http404
    asked = "go" in request.GET
    form = FactsForm(request.GET if asked else None, code=code)
    answer = None
    if asked and form.is_valid():
        try:
            answer = policies.answer_for(policy, form.facts())
        except DomainError as exc:
            form_errors_from(form, exc)
    return render(request, "jobs/policy_page.html", {
        "policy": policy, "title": policies.TITLES.get(code, policy.name), "form": form, "answer": answer,
        "documents": policies.documents_of(policy), "sources": policies.sources_of(policy)})
