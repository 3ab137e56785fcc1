"""Evaluation models arrive with the evaluation issues (campaigns, nominations, reviews)."""
