"""Tasks: one document's text -> who leads or coordinates what, project rows and quantified targets.

Takes a document span of prepared text; gives assignments, projects (tables, money) and targets.
"""
