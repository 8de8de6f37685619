"""Cases: complaints, denunciations, proposals and feedback (đơn thư)."""
