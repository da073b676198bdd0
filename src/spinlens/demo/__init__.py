"""The bundled demo corpus: fictional outlets covering one fictional contested event."""
