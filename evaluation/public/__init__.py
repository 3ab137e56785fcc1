"""The public views of evaluation: the campaign page's routes (nominate, vote, comment, notice, results),
the home page's campaign area, private file downloads, and the upload size limit. Their guards (captcha,
rate limits) are in evaluation/guards/, below the services."""
