package downstream

import (
	"context"
	"errors"

	"example.com/downstream/b24api/biconnector"
	"github.com/b24gen/b24gen/b24"
)

// Cleanup deletes BI connector sources and returns the ids of those the
// portal did not have.
func Cleanup(ctx context.Context, c *biconnector.Client, ids []int64) (missing []int64, err error) {
	for _, id := range ids {
		_, err := c.DeleteSource(ctx, &biconnector.DeleteSourceRequest{ID: b24.Int(id)})
		switch {
		case errors.Is(err, biconnector.ErrSourceNotFound):
			missing = append(missing, id)
		case err != nil:
			return missing, err
		}
	}
	return missing, nil
}
