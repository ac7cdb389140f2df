import CCairo
import CPangoCairo
import Charts
