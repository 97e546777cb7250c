"""A QR code as inline SVG, drawn locally: no image service, no data: URL, no style attribute."""

import qrcode
from django.utils.html import format_html
from django.utils.safestring import SafeString


def qr_svg(text: str, *, title: str) -> SafeString:
    """An accessible `<svg>` of `text` with a quiet zone; colours come from CSS (currentColor)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    size = len(matrix)
    path = "".join(
        f"M{x} {y}h1v1h-1z" for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark
    )
    return format_html(
        '<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        'role="img" aria-label="{title}" shape-rendering="crispEdges">'
        '<rect width="{size}" height="{size}" fill="#fff"/>'
        '<path d="{path}" fill="#000"/></svg>',
        size=size,
        title=title,
        path=path,
    )
