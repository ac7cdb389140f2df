import Charts
import Diagnostics
import Ingest
import RunModel
