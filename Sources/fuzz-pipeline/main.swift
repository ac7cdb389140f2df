import FuzzSupport

FuzzMain.run { data, size in fuzzOne(data, size) }
