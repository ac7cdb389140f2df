print("trainreport")
