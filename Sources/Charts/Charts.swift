import Diagnostics
import RunModel
