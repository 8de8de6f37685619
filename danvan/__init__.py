"""danvan — công tác dân vận và phong trào "Dân vận khéo"."""
