from django.urls import path

from danvan.plans.views import exports as export_views
from danvan.plans.views import followup, imports, plans, tasks

app_name = "plans"

urlpatterns = [
    path("", plans.plan_list, name="plan-list"),
    path("moi/", plans.plan_create, name="plan-create"),
    path("nhap/", imports.plan_import, name="plan-import"),
    path("nhap/<uuid:job_id>/", imports.plan_import_job, name="plan-import-job"),
    path("van-ban/", plans.document_options, name="document-options"),
    path("nhiem-vu-cua-toi/", followup.my_tasks, name="my-tasks"),
    path("qua-han/", followup.overdue, name="overdue"),
    path("<int:plan_id>/", plans.plan_detail, name="plan-detail"),
    path("<int:plan_id>/sua/", plans.plan_edit, name="plan-edit"),
    path("<int:plan_id>/xoa/", plans.plan_delete, name="plan-delete"),
    path("<int:plan_id>/ban-hanh/", plans.plan_issue, name="plan-issue"),
    path("<int:plan_id>/cong-khai/", plans.plan_publish, name="plan-publish"),
    path("<int:plan_id>/trien-khai/", followup.cascade, name="cascade"),
    path("<int:plan_id>/muc/them/", tasks.section_create, name="section-create"),
    path("<int:plan_id>/nhiem-vu/them/", tasks.task_create, name="task-create"),
    path("<int:plan_id>/don-vi/", tasks.unit_options, name="unit-options"),
    path("muc/<int:section_id>/sua/", tasks.section_edit, name="section-edit"),
    path("muc/<int:section_id>/xoa/", tasks.section_delete, name="section-delete"),
    path("nhiem-vu/<int:task_id>/sua/", tasks.task_edit, name="task-edit"),
    path("nhiem-vu/<int:task_id>/xoa/", tasks.task_delete, name="task-delete"),
    path("phan-cong/<int:assignment_id>/", followup.assignment_detail, name="assignment-detail"),
    path("bang-chung/<int:evidence_id>/", followup.evidence_download, name="evidence"),
    path("<int:plan_id>/docx/", export_views.plan_docx, name="plan-docx"),
    path("<int:plan_id>/nhiem-vu.xlsx", export_views.plan_tasks_xlsx, name="plan-tasks-xlsx"),
]
