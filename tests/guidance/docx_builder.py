"""Build real Word files in tests with python-docx."""

from io import BytesIO

import docx

GUIDE_EN = [
    ("h1", "What the Global Compact is"),
    ("p", "The Global Compact is a cooperative framework."),
    ("bullet", "It is not legally binding."),
    ("bullet", "It upholds sovereignty."),
    ("h2", "Objective 5: Regular pathways"),
    ("p", "Pathways for regular migration."),
    ("h1", "Implementation steps"),
    ("p", "Governments lead the process."),
    ("table", [["Step", "Who"], ["Assess", "Ministry"]]),
]

GUIDE_FR = [
    ("h1", "Ce qu’est le Pacte mondial"),
    ("p", "Le Pacte mondial est un cadre de coopération."),
    ("bullet", "Il n’est pas juridiquement contraignant."),
    ("bullet", "Il respecte la souveraineté."),
    ("h2", "Objectif 5 : Voies régulières"),
    ("p", "Des voies de migration régulière."),
    ("h1", "Étapes de la mise en œuvre"),
    ("p", "Les gouvernements dirigent le processus."),
    ("table", [["Étape", "Qui"], ["Évaluer", "Ministère"]]),
]

GUIDE_ES = [
    ("h1", "Qué es el Pacto Mundial"),
    ("p", "El Pacto Mundial es un marco de cooperación."),
    ("bullet", "No es jurídicamente vinculante."),
    ("bullet", "Respeta la soberanía."),
    ("h2", "Objetivo 5: Vías regulares"),
    ("p", "Vías de migración regular."),
    ("h1", "Pasos de la aplicación"),
    ("p", "Los gobiernos dirigen el proceso."),
    ("table", [["Paso", "Quién"], ["Evaluar", "Ministerio"]]),
]


def build_docx(items) -> bytes:
    document = docx.Document()
    document.add_heading("Guide (document title)", level=0)
    for kind, value in items:
        if kind.startswith("h"):
            document.add_heading(value, level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "bullet":
            document.add_paragraph(value, style="List Bullet")
        elif kind == "number":
            document.add_paragraph(value, style="List Number")
        elif kind == "table":
            table = document.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
