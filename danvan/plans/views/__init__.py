from danvan.plans.views import followup, plans, tasks

__all__ = ["followup", "plans", "tasks"]
