"""Values written in Finnish and English text: sums in euros (``amounts``) and periods
(``dates``). The one parser of each, shared by extraction, the coverage report and questions.
"""
