from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """20 items a page; ``page_size`` may ask for 1 to 100 (more is refused by the view with a 400)."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
        return parameters
